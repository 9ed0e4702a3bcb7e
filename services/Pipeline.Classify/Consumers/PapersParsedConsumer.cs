using System.Diagnostics;
using MassTransit;
using Pipeline.Classification;
using Pipeline.Classify.Persistence;
using Pipeline.Contracts;
using Pipeline.Persistence;

namespace Pipeline.Classify.Consumers;

/// <summary>
/// Enriches parsed papers (topics, code and Hugging Face links), stores the enrichment and queues
/// <see cref="PapersClassified"/> for the papers whose enrichment is new or changed, in one transaction.
/// </summary>
public sealed partial class PapersParsedConsumer(
    ClassifyDbContext db,
    EnrichmentStore store,
    TopicClassifier classifier,
    OutboxSignal<ClassifyDbContext> signal,
    TimeProvider clock,
    ILogger<PapersParsedConsumer> logger) : IConsumer<PapersParsed>
{
    public const string ConsumerName = "classify";

    public async Task Consume(ConsumeContext<PapersParsed> context)
    {
        var ct = context.CancellationToken;
        var message = context.Message;
        var classifiedAt = clock.GetUtcNow();
        var classified = message.Papers.Select(p => new ClassifiedPaper { Paper = p, Enrichment = Enrich(p), ClassifiedAt = classifiedAt }).ToList();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var key = context.MessageId?.ToString() ?? $"{message.DocumentId}:{message.Batch}";
        if (!await db.TryMarkProcessedAsync(ConsumerName, key, ct))
        {
            return;
        }

        var changed = await store.UpsertAsync(classified, Activity.Current?.TraceId.ToString(), ct);
        if (changed.Count > 0)
        {
            db.Enqueue(new PapersClassified { DocumentId = message.DocumentId, Batch = message.Batch, Papers = changed });
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        signal.Notify();
        LogClassified(logger, message.DocumentId, message.Batch, message.Papers.Count, changed.Count);
    }

    private PaperEnrichment Enrich(PaperRecord paper)
    {
        var result = classifier.Classify(new ClassifierInput
        {
            Title = paper.Title,
            Abstract = paper.Abstract,
            Keywords = paper.Keywords,
            GithubRepo = paper.GithubRepo,
            ProjectPage = paper.ProjectPage,
        });
        return new PaperEnrichment
        {
            EnrichmentVersion = result.Version,
            Topics = result.Topics.Select(t => new TopicAssignment
            {
                Id = t.Id,
                Score = Math.Round(t.Score, 4),
                Evidence = t.Evidence.Select(e => new TopicEvidence { Phrase = e.Phrase, Field = e.Field, Offset = e.Offset }).ToList(),
            }).ToList(),
            CodeUrls = result.CodeUrls.Concat(paper.Links.Code).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            HuggingFaceUrls = result.HuggingFaceUrls.Concat(paper.Links.HuggingFace).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            BaseModels = result.BaseModels.Select(m => new BaseModelMention { Name = m.Name, Family = m.Family, Version = m.Version, Size = m.Size, Variant = m.Variant }).ToList(),
            Benchmarks = result.Benchmarks.Select(b => new BenchmarkRef { Name = b.Name, Canonical = b.Canonical }).ToList(),
            Scores = result.Scores.Select(x => new BenchmarkScore { Benchmark = x.Benchmark, Value = x.Value, Unit = x.Unit }).ToList(),
            Improvements = result.Improvements.Select(x => new BenchmarkImprovement { Benchmark = x.Benchmark, Value = x.Value, Unit = x.Unit }).ToList(),
            Languages = result.Languages,
            ParamSizes = result.ParamSizes,
        };
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Classified batch {Batch} of document {DocumentId}: {Papers} paper(s), {Changed} new or changed")]
    private static partial void LogClassified(ILogger logger, Guid documentId, int batch, int papers, int changed);
}

public sealed class PapersParsedConsumerDefinition : ConsumerDefinition<PapersParsedConsumer>
{
    public PapersParsedConsumerDefinition() => ConcurrentMessageLimit = 4;
}
