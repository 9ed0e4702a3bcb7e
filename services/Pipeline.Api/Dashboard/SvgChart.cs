using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Pipeline.Api;

/// <summary>
/// Inline SVG line charts rendered on the server (no script, no external assets). Only numbers and encoded labels
/// go into the markup.
/// </summary>
public static class SvgChart
{
    public sealed record Series(string Name, string CssClass, IReadOnlyList<double> Values);

    private const int Width = 720;
    private const int Height = 200;
    private const int Left = 48;
    private const int Right = 12;
    private const int Top = 12;
    private const int Bottom = 28;

    /// <param name="title">Accessible title.</param>
    /// <param name="start">Time of the first value; one value per <paramref name="step"/>.</param>
    /// <param name="step">Time between values.</param>
    /// <param name="series">Lines, all of the same length; <see cref="double.NaN"/> is a gap (no data that minute).</param>
    /// <param name="unit">Y-axis unit, e.g. <c>/min</c> or <c>s</c>.</param>
    public static string Line(string title, DateTimeOffset start, TimeSpan step, IReadOnlyList<Series> series, string unit)
    {
        var html = HtmlEncoder.Default;
        var count = series.Count == 0 ? 0 : series.Max(s => s.Values.Count);
        var max = series.SelectMany(s => s.Values).Where(v => !double.IsNaN(v)).DefaultIfEmpty(0).Max();
        var top = NiceCeiling(Math.Max(max, 1));
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        double X(int i) => Left + (count <= 1 ? 0 : plotW * i / (double)(count - 1));
        double Y(double v) => Top + plotH - (plotH * v / top);
        static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg class="chart" viewBox="0 0 {Width} {Height}" role="img" aria-label="{html.Encode(title)}" xmlns="http://www.w3.org/2000/svg">""");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{html.Encode(title)}</title>");
        for (var g = 0; g <= 4; g++)
        {
            var v = top * g / 4;
            svg.Append(CultureInfo.InvariantCulture, $"""<line class="grid" x1="{Left}" x2="{Width - Right}" y1="{N(Y(v))}" y2="{N(Y(v))}"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text class="axis" x="{Left - 6}" y="{N(Y(v) + 4)}" text-anchor="end">{html.Encode(Compact(v))}</text>""");
        }

        if (count > 1)
        {
            var ticks = Math.Min(6, count - 1);
            for (var t = 0; t <= ticks; t++)
            {
                var i = (int)Math.Round((count - 1) * t / (double)ticks);
                var at = start + step * i;
                var anchor = t == 0 ? "start" : t == ticks ? "end" : "middle";
                svg.Append(CultureInfo.InvariantCulture, $"""<text class="axis" x="{N(X(i))}" y="{Height - 8}" text-anchor="{anchor}">{at.UtcDateTime:HH:mm}</text>""");
            }
        }

        foreach (var s in series)
        {
            // One polyline per run of values; a lone value between gaps is a dot.
            var css = html.Encode(s.CssClass);
            var run = new List<int>();
            for (var i = 0; i <= s.Values.Count; i++)
            {
                if (i < s.Values.Count && !double.IsNaN(s.Values[i]))
                {
                    run.Add(i);
                    continue;
                }

                if (run.Count == 1)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"""<circle class="dot {css}" cx="{N(X(run[0]))}" cy="{N(Y(s.Values[run[0]]))}" r="3"><title>{html.Encode(s.Name)}</title></circle>""");
                }
                else if (run.Count > 1)
                {
                    var points = string.Join(' ', run.Select(j => $"{N(X(j))},{N(Y(s.Values[j]))}"));
                    svg.Append(CultureInfo.InvariantCulture, $"""<polyline class="series {css}" points="{points}"><title>{html.Encode(s.Name)}</title></polyline>""");
                }

                run.Clear();
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<text class="axis unit" x="{Left + 4}" y="{Top + 10}">{html.Encode(unit)}</text>""");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Compact(double v) =>
        v >= 1000 ? (v / 1000).ToString("0.#", CultureInfo.InvariantCulture) + "k" : v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>1, 2, 5 × 10^n at or above <paramref name="value"/>.</summary>
    public static double NiceCeiling(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var factor in new[] { 1.0, 2, 5, 10 })
        {
            if (factor * magnitude >= value)
            {
                return factor * magnitude;
            }
        }

        return 10 * magnitude;
    }
}
