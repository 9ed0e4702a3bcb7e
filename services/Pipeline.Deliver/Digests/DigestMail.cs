using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;

namespace Pipeline.Deliver.Digests;

/// <summary>Sends a finished digest message.</summary>
public interface IDigestMailer
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>The MIME message of a digest: multipart/alternative (text, then HTML), List-Unsubscribe headers.</summary>
public static class DigestMessage
{
    public static MimeMessage Create(string from, string to, RenderedDigest digest, string unsubscribeUrl)
    {
        var sender = MailboxAddress.Parse(from);
        var message = new MimeMessage { Subject = digest.Subject };
        message.From.Add(sender);
        message.To.Add(MailboxAddress.Parse(to));
        message.MessageId = MimeUtils.GenerateMessageId(sender.Domain is { Length: > 0 } domain ? domain : "localhost");
        // RFC 2369 and RFC 8058 (one-click: mail clients POST to the same URL).
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribeUrl}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new BodyBuilder { TextBody = digest.Text, HtmlBody = digest.Html }.ToMessageBody();
        return message;
    }

    public static string UnsubscribeUrl(string publicBaseUrl, string token) =>
        $"{publicBaseUrl.TrimEnd('/')}/digests/unsubscribe?token={Uri.EscapeDataString(token)}";
}

/// <summary>MailKit over SMTP (<c>Deliver:Smtp</c>): one connection per digest.</summary>
public sealed class SmtpDigestMailer(IOptions<DeliverOptions> options) : IDigestMailer
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        var security = !smtp.UseTls ? SecureSocketOptions.None : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await client.ConnectAsync(smtp.Host, smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.User))
        {
            await client.AuthenticateAsync(smtp.User, smtp.Pass ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
