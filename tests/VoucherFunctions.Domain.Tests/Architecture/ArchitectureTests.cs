namespace VoucherFunctions.Domain.Tests.Architecture;

using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Xml.Linq;

public class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(DomainAssembly).Assembly;

    [Fact]
    public void Domain_references_no_azure_storage_or_functions_assembly()
    {
        string[] forbidden = ["Azure", "Microsoft.Azure", "Microsoft.WindowsAzure", "Microsoft.DurableTask", "Microsoft.AspNetCore", "Grpc", "Microsoft.Extensions"];
        var referenced = Domain.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty).ToArray();

        Assert.NotEmpty(referenced);
        Assert.DoesNotContain(referenced, name => forbidden.Any(f => name.StartsWith(f, StringComparison.OrdinalIgnoreCase)));
        Assert.All(referenced, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib", $"Unexpected reference {name}"));
    }

    [Fact]
    public void Domain_project_has_no_package_references()
    {
        var csproj = XDocument.Load(FindDomainProject());
        Assert.DoesNotContain(csproj.Descendants(), e => e.Name.LocalName is "PackageReference" or "FrameworkReference" or "ProjectReference");
    }

    [Fact]
    public void No_domain_type_stores_a_binary_floating_point_or_decimal_value()
    {
        Type[] inexact = [typeof(float), typeof(double), typeof(decimal), typeof(Half)];
        var offenders = new List<string>();
        foreach (var type in Domain.GetTypes().Where(t => !t.IsDefined(typeof(CompilerGeneratedAttribute))))
        {
            const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
            offenders.AddRange(type.GetFields(all).Where(f => Uses(f.FieldType)).Select(f => $"{type.FullName}.{f.Name}"));
            offenders.AddRange(type.GetProperties(all).Where(p => Uses(p.PropertyType)).Select(p => $"{type.FullName}.{p.Name}"));
            offenders.AddRange(type.GetMethods(all).Where(m => Uses(m.ReturnType) || m.GetParameters().Any(p => Uses(p.ParameterType))).Select(m => $"{type.FullName}.{m.Name}()"));
        }

        Assert.Empty(offenders);

        bool Uses(Type t)
        {
            var element = t.IsByRef || t.IsArray ? t.GetElementType()! : t;
            element = Nullable.GetUnderlyingType(element) ?? element;
            return inexact.Contains(element) || (element.IsGenericType && element.GetGenericArguments().Any(Uses));
        }
    }

    [Fact]
    public void Domain_source_mentions_no_floating_point_type()
    {
        var domainDir = Path.GetDirectoryName(FindDomainProject())!;
        var offenders = Directory.EnumerateFiles(domainDir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => MentionsFloatingPoint(x.line))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Domain_source_never_reads_the_clock()
    {
        // Callers pass "now" explicitly so the domain stays deterministic and replay-safe (durable orchestrations).
        var domainDir = Path.GetDirectoryName(FindDomainProject())!;
        var clock = new Regex(@"\b(DateTime|DateTimeOffset)\.(Now|UtcNow|Today)\b|TimeProvider|Stopwatch|Guid\.NewGuid|new Random\b|Random\.Shared");
        var offenders = SourceLines(domainDir).Where(x => clock.IsMatch(CodeOnly(x.Line))).Select(x => x.Where).ToList();
        Assert.Empty(offenders);
    }

    private static IEnumerable<(string Where, string Line)> SourceLines(string dir) =>
        Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => ($"{Path.GetFileName(f)}:{i + 1}: {line.Trim()}", line)));

    [Fact]
    public void Every_domain_type_lives_in_a_namespace_matching_its_folder()
    {
        var misplaced = Domain.GetTypes()
            .Where(t => t.IsPublic && t.Namespace != "VoucherFunctions.Domain")
            .Where(t => t.Namespace is null || !t.Namespace.StartsWith("VoucherFunctions.Domain.", StringComparison.Ordinal))
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(misplaced);
    }

    [Theory]
    [InlineData("double x = 1;", true)]
    [InlineData("var y = (decimal)z;", true)]
    [InlineData("var f = 1.5f;", true)]
    [InlineData("var p = Math.Pow(10, 2);", true)]
    [InlineData("throw Fail(\"not a decimal amount\");", false)]
    [InlineData("/// <summary>A decimal string.</summary>", false)]
    [InlineData("var x = 10; // no double here", false)]
    public void The_source_scan_finds_floating_point_in_code_but_not_in_prose(string line, bool expected) =>
        Assert.Equal(expected, MentionsFloatingPoint(line));

    // Code only: string literals and comments may say "decimal" in prose.
    private static readonly Regex FloatingPointUse = new(@"\b(double|float|decimal|Half|Math\.Pow|ToDouble|ToSingle|ToDecimal)\b|\b\d+(\.\d+)?[dDfFmM]\b");

    private static bool MentionsFloatingPoint(string line) => FloatingPointUse.IsMatch(CodeOnly(line));

    private static string CodeOnly(string line)
    {
        var withoutStrings = Regex.Replace(line, "\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        var comment = withoutStrings.IndexOf("//", StringComparison.Ordinal);
        var code = comment >= 0 ? withoutStrings[..comment] : withoutStrings;
        return code.TrimStart().StartsWith('*') ? string.Empty : code;
    }

    private static string FindDomainProject([CallerFilePath] string thisFile = "")
    {
        // Walk up from the test binaries (or this source file) to the repository root.
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(thisFile)! })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "domain", "VoucherFunctions.Domain.csproj");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException("domain/VoucherFunctions.Domain.csproj not found above the test directory.");
    }
}
