using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Npgsql;
using Pipeline.Api.Data;
using Pipeline.Api.Endpoints;
using Pipeline.Api.Security;
using Pipeline.Fetch.Persistence;
using Pipeline.Persistence;
using Pipeline.ServiceDefaults;
using Scalar.AspNetCore;

namespace Pipeline.Api;

public static class ApiServiceExtensions
{
    public static WebApplicationBuilder AddApiService(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiOptions>()
            .BindConfiguration(ApiOptions.SectionName)
            .Validate(ApiOptions.Validate, $"Api options are invalid: Url, ManagementUrl and TraceViewerUrl (with {{traceId}}) must be absolute URLs, Key at least {ApiOptions.MinimumKeyLength} characters when set, OverviewHours 1–168, RefreshInterval ≥ 1 s, MaxPageSize 1–1000.")
            .ValidateOnStart();
        builder.Services.AddOptions<BrokerOptions>()
            .BindConfiguration("RabbitMq")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Host) && o.Port > 0, "RabbitMq:Host and RabbitMq:Port are required")
            .ValidateOnStart();

        // Loopback by default; urls/ASPNETCORE_URLS/--urls or Kestrel endpoints win.
        var configuration = builder.Configuration;
        if (string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey]) && string.IsNullOrEmpty(configuration["http_ports"])
            && !configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(configuration[$"{ApiOptions.SectionName}:Url"] is { Length: > 0 } url ? url : new ApiOptions().Url);
        }

        var connectionString = configuration.GetRequiredConnectionString(PersistenceExtensions.ConnectionStringName);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        // Fetch's context only to write its outbox (replays); Fetch's own relay sends the rows. No migrations here.
        builder.Services.AddDbContext<FetchDbContext>(o => o.UsePipelineNpgsql(connectionString, FetchDbContext.Schema));
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ServiceDefaultsExtensions.ReadyTag]);

        builder.Services.AddHttpClient<Broker>(Broker.HttpClientName, (sp, http) =>
        {
            var api = sp.GetRequiredService<IOptions<ApiOptions>>().Value;
            http.BaseAddress = new Uri(api.ManagementUrl.TrimEnd('/') + "/");
            http.Timeout = TimeSpan.FromSeconds(5);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Broker.Authorization(api, sp.GetRequiredService<IOptions<BrokerOptions>>().Value));
        });
        builder.Services.AddScoped<PaperQueries>();
        builder.Services.AddScoped<SourceQueries>();
        builder.Services.AddScoped<OverviewQueries>();
        builder.Services.AddScoped<FailureService>();
        builder.AddFeeds();
        builder.AddDeliveryManagement();

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "pipeline-operator";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyHandler>(ApiKey.Scheme, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiKey.Policy, p => p.AddAuthenticationSchemes(ApiKey.Scheme).RequireAuthenticatedUser())
            .AddPolicy(ApiKey.OperatorPolicy, p => p.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser());
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "pipeline-antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__antiforgery";
        });
        builder.Services.AddRazorPages();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Paper pipeline API";
                document.Info.Description = "Papers (filters, full-text search, detail), sources, failures. Reads are open and carry ETags; state changes need the operator key in X-Api-Key.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
                document.Components.SecuritySchemes[ApiKey.Scheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKey.HeaderName,
                    Description = "The operator key (configuration Api:Key).",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey.Scheme, context.Document)] = [] });
                }

                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static WebApplication UseApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(async (http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (!http.Request.Path.StartsWithSegments("/scalar", StringComparison.Ordinal))
            {
                // Dashboard pages: our own scripts and styles only; paper text can never run as script.
                headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
                headers.XFrameOptions = "DENY";
            }

            await next();
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(ApiApp).Assembly, "Pipeline.Api.Assets"),
            RequestPath = "/assets",
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapApiEndpoints();
        app.MapFeeds();
        app.MapDeliveryEndpoints();
        app.MapOpenApi();
        app.MapScalarApiReference(o => o
            .WithTitle("Paper pipeline API")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp());
        return app;
    }
}

/// <summary>Readiness: PostgreSQL answers.</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = db.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer", ex);
        }
    }
}
