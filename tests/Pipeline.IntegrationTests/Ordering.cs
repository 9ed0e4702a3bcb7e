using Xunit.Sdk;
using Xunit.v3;

namespace Pipeline.IntegrationTests;

/// <summary>Orders a class's tests by <see cref="TestPriorityAttribute"/>: they share one running pipeline.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TestPriorityAttribute(int priority) : Attribute
{
    public int Priority { get; } = priority;
}

public sealed class DeclarationOrderer : ITestCaseOrderer
{
    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases)
        where TTestCase : notnull, ITestCase =>
        testCases.OrderBy(Priority).ToList();

    private static int Priority<TTestCase>(TTestCase testCase)
        where TTestCase : notnull, ITestCase
    {
        var method = (testCase as IXunitTestCase)?.TestMethod.Method;
        return method?.GetCustomAttributes(typeof(TestPriorityAttribute), false).OfType<TestPriorityAttribute>().FirstOrDefault()?.Priority ?? int.MaxValue;
    }
}
