using System.Text;

namespace Pipeline.Parsing.Tests;

/// <summary>Real captures copied into tests/TestData (see its PROVENANCE.md), as the build copies them next to the tests.</summary>
internal static class TestFiles
{
    public static byte[] Bytes(string folder, string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "SharedTestData", folder, name));

    public static string Text(string folder, string name) => Encoding.UTF8.GetString(Bytes(folder, name));

    public static ParseResult Parse(string folder, string name, string format = PayloadParser.AutoFormat) =>
        PayloadParser.Parse(Bytes(folder, name), format);

    public static ParseResult ParseText(string text, string format = PayloadParser.AutoFormat) =>
        PayloadParser.Parse(Encoding.UTF8.GetBytes(text), format);

    public static PayloadRejectedException Rejected(string folder, string name, string format = PayloadParser.AutoFormat) =>
        Assert.Throws<PayloadRejectedException>(() => Parse(folder, name, format));

    public static PayloadRejectedException RejectedText(string text, string format = PayloadParser.AutoFormat) =>
        Assert.Throws<PayloadRejectedException>(() => ParseText(text, format));
}
