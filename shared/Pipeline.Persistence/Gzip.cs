using System.IO.Compression;

namespace Pipeline.Persistence;

/// <summary>Compression of stored payloads.</summary>
public static class Gzip
{
    public static byte[] Compress(ReadOnlySpan<byte> body)
    {
        using var output = new MemoryStream(body.Length / 4 + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(body);
        }

        return output.ToArray();
    }

    public static byte[] Decompress(byte[] stored)
    {
        using var input = new GZipStream(new MemoryStream(stored), CompressionMode.Decompress);
        using var output = new MemoryStream(stored.Length * 4);
        input.CopyTo(output);
        return output.ToArray();
    }
}
