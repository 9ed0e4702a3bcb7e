namespace Pipeline.Classification;

/// <summary>
/// Calibrated topic scores: a monotone piecewise-linear map from an assigned topic's decision score (blend of model
/// probability and rule score, or rule score) to the probability that the topic is right, fitted by isotonic
/// regression (pool adjacent violators) on out-of-fold scores by <see cref="TopicModelTrainer"/>. Being monotone, it
/// never reverses the order of topics (flat stretches can make scores equal); decisions are taken on the uncalibrated scores. Immutable.
/// </summary>
internal sealed class TopicScoreCalibration
{
    private readonly double[] _scores;
    private readonly double[] _probabilities;

    internal TopicScoreCalibration(IReadOnlyList<double> scores, IReadOnlyList<double> probabilities, double fallback)
    {
        if (scores.Count == 0 || scores.Count != probabilities.Count)
        {
            throw new InvalidDataException("Topic calibration needs as many probabilities as scores, at least one.");
        }

        for (var k = 0; k < scores.Count; k++)
        {
            var bad = !(probabilities[k] >= 0 && probabilities[k] <= 1) || !double.IsFinite(scores[k])
                || (k > 0 && (scores[k] <= scores[k - 1] || probabilities[k] < probabilities[k - 1]));
            if (bad)
            {
                throw new InvalidDataException("Topic calibration knots must increase, with probabilities in [0, 1] that never decrease.");
            }
        }

        if (!(fallback >= 0 && fallback <= 1))
        {
            throw new InvalidDataException($"Topic calibration fallback {fallback} is outside [0, 1].");
        }

        _scores = [.. scores];
        _probabilities = [.. probabilities];
        Fallback = fallback;
    }

    /// <summary>The probability that the catch-all topic is right when it is given.</summary>
    internal double Fallback { get; }

    internal static TopicScoreCalibration? From(TopicCalibrationJson? json) =>
        json is null ? null : new TopicScoreCalibration(json.Scores ?? [], json.Probabilities ?? [], json.Fallback);

    /// <summary>The calibrated score (rounded to 4 decimals like the raw one).</summary>
    internal double Map(double score)
    {
        if (double.IsNaN(score) || score <= _scores[0])
        {
            return Math.Round(_probabilities[0], 4);
        }

        var last = _scores.Length - 1;
        if (score >= _scores[last])
        {
            return Math.Round(_probabilities[last], 4);
        }

        var k = Array.BinarySearch(_scores, score);
        if (k >= 0)
        {
            return Math.Round(_probabilities[k], 4);
        }

        var high = ~k;
        var low = high - 1;
        var share = (score - _scores[low]) / (_scores[high] - _scores[low]);
        return Math.Round(_probabilities[low] + (share * (_probabilities[high] - _probabilities[low])), 4);
    }

    /// <summary>
    /// Isotonic regression of the pairs' correctness on their scores by pool adjacent violators,
    /// each pooled block becoming one knot (its mean score, its share correct). Equal scores are pooled first. A
    /// pseudo-count <paramref name="prior"/> of the overall share correct is added to each block, which keeps blocks
    /// of a few topics from reaching 0 or 1.
    /// </summary>
    internal static TopicCalibrationJson Fit(IReadOnlyList<(double Score, bool Correct)> pairs, double fallback, double prior = 1)
    {
        var overall = pairs.Count == 0 ? 0.5 : pairs.Count(p => p.Correct) / (double)pairs.Count;
        var blocks = new List<(double ScoreSum, double CorrectSum, double Count)>();
        foreach (var group in pairs.GroupBy(p => p.Score).OrderBy(g => g.Key))
        {
            blocks.Add((group.Key * group.Count(), group.Count(p => p.Correct), group.Count()));
            while (blocks.Count > 1 && Mean(blocks[^2]) >= Mean(blocks[^1]))
            {
                var (a, b) = (blocks[^2], blocks[^1]);
                blocks.RemoveAt(blocks.Count - 1);
                blocks[^1] = (a.ScoreSum + b.ScoreSum, a.CorrectSum + b.CorrectSum, a.Count + b.Count);
            }
        }

        double Mean((double ScoreSum, double CorrectSum, double Count) b) => (b.CorrectSum + (prior * overall)) / (b.Count + prior);

        var scores = new List<double>();
        var probabilities = new List<double>();
        foreach (var block in blocks)
        {
            var score = Math.Round(block.ScoreSum / block.Count, 4);
            var probability = Math.Round(Mean(block), 4);
            if (scores.Count > 0 && score <= scores[^1])
            {
                continue;
            }

            scores.Add(score);
            probabilities.Add(Math.Max(probability, probabilities.Count > 0 ? probabilities[^1] : 0));
        }

        if (scores.Count == 0)
        {
            scores.Add(0.5);
            probabilities.Add(Math.Round(overall, 4));
        }

        return new TopicCalibrationJson { Scores = scores, Probabilities = probabilities, Fallback = Math.Round(fallback, 4) };
    }
}
