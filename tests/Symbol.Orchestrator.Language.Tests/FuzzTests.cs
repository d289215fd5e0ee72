using System.Text;

namespace Symbol.Orchestrator.Language.Tests;

/// <summary>
/// The compiler never throws and never hangs: random text, mutated corpus files, binary garbage and
/// pathological sizes all come back as diagnostics. Each input gets a generous 30 s bound through a
/// task, which catches a hang without asserting anything about speed. Seeds are fixed, so a failure reproduces.
/// </summary>
public sealed class FuzzTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly string CorpusFolder = Path.Combine(AppContext.BaseDirectory, "Corpus");

    // Characters the grammar cares about, so random text reaches deep into the rules, not just the first token.
    private const string Alphabet = "workflow job run file schedule cron at every timezone catchup within concurrency overlap queue max skip params use retries backoff exponential timeout on failure success exit {}{}\"\"\\``````->→,,;;#//\n\n\n  0123456789msdh:*-TZ+ab_";

    public static TheoryData<int> Seeds() => new(Enumerable.Range(0, 40));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomText_NeverThrowsOrHangs(int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        int length = random.Next(0, 4000);
        while (text.Length < length)
        {
            if (random.Next(4) == 0)
                text.Append(Alphabet, random.Next(Alphabet.Length - 8), random.Next(1, 8));
            else
                text.Append(Alphabet[random.Next(Alphabet.Length)]);
        }
        CompilesWithinBound(text.ToString());
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void MutatedCorpusFiles_NeverThrowOrHang(int seed)
    {
        var random = new Random(1000 + seed);
        foreach (var path in Directory.EnumerateFiles(CorpusFolder, "*.flow").Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(path).ToList();
            for (int m = random.Next(1, 12); m > 0 && bytes.Count > 0; m--)
            {
                int at = random.Next(bytes.Count), span = Math.Min(random.Next(1, 40), bytes.Count - at);
                switch (random.Next(3))
                {
                    case 0: bytes.RemoveRange(at, span); break;
                    case 1: bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, span)); break;
                    default: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                }
            }
            CompilesWithinBound(Encoding.UTF8.GetString(bytes.ToArray()), path);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ControlCharactersInCorpusFiles_PrintAsOneEscapedLine(int seed)
    {
        // C0, DEL and C1 (U+009B is CSI): in strings, names and comments they end up quoted by the messages.
        var random = new Random(2000 + seed);
        foreach (var path in Directory.EnumerateFiles(CorpusFolder, "*.flow").Order(StringComparer.Ordinal))
        {
            var text = new StringBuilder(File.ReadAllText(path));
            for (int m = random.Next(1, 12); m > 0; m--)
                text.Insert(random.Next(text.Length + 1), random.Next(3) switch { 0 => (char)random.Next(0x20), 1 => '\x7f', _ => (char)random.Next(0x80, 0xA0) });
            CompilesWithinBound(text.ToString(), path);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void BinaryGarbage_IsAnErrorNotAnException(int seed)
    {
        var bytes = new byte[200_000];
        new Random(seed).NextBytes(bytes);
        var result = CompilesWithinBound(Encoding.Latin1.GetString(bytes));
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void TenMegabyteFile_Compiles()
    {
        var workflow = File.ReadAllText(Path.Combine(CorpusFolder, "every-construct.flow"));
        var text = new StringBuilder(10 * 1024 * 1024 + workflow.Length);
        for (int n = 0; text.Length < 10 * 1024 * 1024; n++)
            text.Append(workflow.Replace("workflow everything", $"workflow everything{n}").Replace("workflow second", $"workflow second{n}"));
        var result = CompilesWithinBound(text.ToString());
        // Its use/run files are relative to the corpus folder, so the only errors are "not found" (capped per file).
        Assert.All(result.Diagnostics, d => Assert.Matches("not found|too many errors", d.Message));
    }

    [Fact]
    public void TenMegabytesOfOneToken_Compiles()
    {
        CompilesWithinBound(new string('a', 10 * 1024 * 1024));
        CompilesWithinBound("workflow w { job a { run ``` " + new string('x', 10 * 1024 * 1024));
        CompilesWithinBound("workflow w { params { \"a\": \"" + new string('{', 10 * 1024 * 1024));
    }

    [Fact]
    public void HundredThousandNestedBracesInParams_AreAJsonDepthError()
    {
        var text = "workflow w {\n params " + new string('{', 100_000) + new string('}', 100_000) + "\n job a { run ``` return 1; ``` }\n}";
        var result = CompilesWithinBound(text);
        var error = Assert.Single(result.Diagnostics);
        Assert.StartsWith("invalid JSON in params: ", error.Message);
    }

    [Fact]
    public void HundredThousandUnclosedBracesInParams_AreAnUnterminatedObject()
    {
        var result = CompilesWithinBound("workflow w {\n params " + new string('{', 100_000));
        Assert.Contains(result.Diagnostics, d => d.Message.StartsWith("unterminated JSON object", StringComparison.Ordinal));
    }

    [Fact]
    public void DeeplyNestedJavaScript_IsASyntaxErrorNotAStackOverflow()
    {
        var code = new string('(', 100_000) + "1" + new string(')', 100_000);
        var result = CompilesWithinBound($"workflow w {{ job a {{ run ```{code}``` }} }}");
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void UnterminatedScript_IsReportedAtItsOpeningFence()
    {
        var result = CompilesWithinBound("workflow w {\n  job a {\n    run ```\n" + string.Concat(Enumerable.Repeat("return 1;\n", 100_000)));
        Assert.Equal("3:9: unterminated script block: no closing ``` for the ``` opened here", Compile.Format(result.Diagnostics.First()));
    }

    [Fact]
    public void ManyWorkflowsAndDeepChains_DoNotOverflowTheStack()
    {
        var text = new StringBuilder("workflow chain {\n");
        for (int n = 0; n < 50_000; n++)
            text.Append($"job j{n} {{ run ``` ``` }}\n");
        text.Append(string.Join(" -> ", Enumerable.Range(0, 50_000).Select(n => $"j{n}"))).Append(" -> j0\n}\n");
        var result = CompilesWithinBound(text.ToString());
        Assert.Contains(result.Diagnostics, d => d.Message.StartsWith("dependency cycle: j0 -> j1 -> j2", StringComparison.Ordinal));
    }

    [PosixFact]
    public void AFolderOfSpecialFiles_GivesAnErrorPerFile_WithinTheBound()
    {
        // Each kind twice, shuffled among good files, so a hang or a crash on one cannot hide behind the order.
        var folder = Directory.CreateTempSubdirectory("symbol-fuzz-folder-").FullName;
        try
        {
            var random = new Random(7);
            var special = new List<string>();
            var good = new List<string>();
            var kinds = new Action<string>[]
            {
                SpecialFiles.Fifo,
                path => File.CreateSymbolicLink(path, "/dev/zero"),
                path => File.CreateSymbolicLink(path, Path.Combine(folder, "missing")),
                path => { using var big = File.Create(path); big.SetLength(17 * 1024 * 1024); },
                path => File.WriteAllText(path, "workflow w {\u001b[2J\n job a { run file \"/dev/zero\" } }"),
            };
            foreach (var (make, k) in kinds.Concat(kinds).Select((make, k) => (make, k)).OrderBy(_ => random.Next()))
            {
                var path = Path.Combine(folder, $"s{k:00}.flow");
                make(path);
                special.Add(path);
                var fine = Path.Combine(folder, $"g{k:00}.flow");
                File.WriteAllText(fine, $"workflow g{k} {{ job a {{ run ``` return 1; ``` }} }}");
                good.Add(fine);
            }
            // A folder named like a .flow file is a folder: what is inside it is compiled.
            Directory.CreateDirectory(Path.Combine(folder, "x.flow"));
            File.WriteAllText(Path.Combine(folder, "x.flow", "inner.flow"), "workflow inner { job a { run ``` return 1; ``` } }");

            FlowCompilation? result = null;
            var thread = new Thread(() => result = FlowCompiler.Compile([folder], Compile.Options)) { IsBackground = true };
            thread.Start();
            Assert.True(thread.Join(Bound), $"compiling a folder of special files took longer than {Bound.TotalSeconds} s");

            Assert.NotNull(result);
            Assert.All(special, path => Assert.Contains(result.Diagnostics, d => d.IsError && d.Position.Path == path));
            Assert.Equal(good.Count + 1, result.Workflows.Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Control characters, line breaks of every kind and a lone surrogate, where the grammar reads text verbatim.
    private const string Controls = "\u0000\u0007\u0008\t\n\r\u000b\u000c\u001b\u007f\u0085\u2028\u2029\ud800";

    public static TheoryData<string> ControlCharacterPlaces() => new()
    {
        "workflow w{0} {{ job a {{ run ``` return 1; ``` }} }}",
        "workflow w {{ job a{0} {{ run ``` return 1; ``` }} }}",
        "workflow w {{ timezone \"Europe/Ber{0}lin\" job a {{ run ``` return 1; ``` }} }}",
        "workflow w {{ schedule cron \"0 {0} * * *\" job a {{ run ``` return 1; ``` }} }}",
        "workflow w {{ schedule at \"2026-{0}01-01\" job a {{ run ``` return 1; ``` }} }}",
        "workflow w {{ schedule \"{0}\" job a {{ run ``` return 1; ``` }} }}",
        "workflow w {{ use file \"x{0}.js\" job a {{ run file \"{0}\" }} }}",
        "workflow w {{ params {{ \"a{0}\": {0} }} job a {{ run ``` return 1; ``` }} }}",
        "workflow w {{ job a {{ run ``` return {0}; ``` }} }}",
        "workflow w {{ job a {{ run ``` const x{0} = 1; ``` }} }}",
        "workflow w {{ job a {{ run ``` return \"{0}; ``` }} }}",
        "workflow w {{ job a {{ run ``` return 1; ``` }} a -> b{0} }}",
        "workflow w {{ {0}shedule every 1s job a {{ run ``` return 1; ``` }} }}",
        "workflow w {{ job a {{ timeout 1{0}s run ``` return 1; ``` }} }}",
        "{0}",
    };

    [Theory]
    [MemberData(nameof(ControlCharacterPlaces))]
    public void ControlCharacters_InStringsNamesAndScripts_AreDiagnosticsNotExceptions(string template)
    {
        foreach (char c in Controls)
            CompilesWithinBound(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, $"x{c}\u001b[2Jy"));
        CompilesWithinBound(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Controls));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomTextWithControlCharacters_NeverThrowsOrHangs(int seed)
    {
        var random = new Random(2000 + seed);
        var text = new StringBuilder();
        while (text.Length < 2000)
            text.Append(random.Next(3) == 0 ? Controls[random.Next(Controls.Length)] : Alphabet[random.Next(Alphabet.Length)]);
        CompilesWithinBound(text.ToString());
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void HugeEdgeLists_AreBoundedInTimeAndMemory(int seed)
    {
        // Random list sizes on each side of each arrow, under and over the file's edge limit, with names that are
        // declared, repeated or unknown: the outcome is an error or a compile, within the bound, without GBs.
        var random = new Random(3000 + seed);
        int jobs = random.Next(1, 3000);
        var text = new StringBuilder("workflow w {\n");
        for (int k = 0; k < jobs; k++)
            text.Append($"job j{k} {{ run ``` return {k}; ``` }}\n");
        for (int statement = random.Next(1, 4); statement > 0; statement--)
        {
            var groups = Enumerable.Range(0, random.Next(2, 5))
                .Select(_ => string.Join(", ", Enumerable.Range(0, random.Next(1, 2500)).Select(_ => $"j{random.Next(jobs + 10)}")));
            text.Append(string.Join(" -> ", groups)).Append('\n');
        }
        text.Append("}\n");

        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = CompilesWithinBound(text.ToString());
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(result.HasErrors || result.Workflows[0].Edges.Count <= 100_000);
        Assert.True(allocated < 400_000_000, $"allocated {allocated:N0} bytes");
    }

    [Theory]
    // The Sprache grammar's edge paths: no rule recurses, so a block opened 20,000 times, an edge chain of
    // 20,000 arrows or 20,000 names in one list are loops in Sprache's Many/XMany, not 20,000 stack frames.
    [InlineData("{ ")]
    [InlineData("job a { ")]
    [InlineData("workflow w { ")]
    [InlineData("a -> ")]
    [InlineData("a, ")]
    [InlineData("schedule ")]
    [InlineData("\"")]
    [InlineData("```")]
    public void APieceRepeatedTwentyThousandTimes_NeverOverflowsTheStack(string piece) =>
        CompilesWithinBound("workflow w { " + string.Concat(Enumerable.Repeat(piece, 20_000)));

    // {0} is NUL, {1} a lone high surrogate and {2} a lone low one (built in code: an attribute cannot hold a lone surrogate).
    public static TheoryData<string> NulAndLoneSurrogates() => new(new[]
    {
        "{0}", "workflow w{0} {{ }}", "workflow w {{ {0} }}", "workflow w {{ schedule \"{0}\" }}",
        "workflow {1} {{ }}", "workflow w {{ {2} -> a }}", "workflow w {{ schedule \"{1}\" }}", "workflow w {{ timezone \"a\\{1}\" }}",
        "workflow w {{ job a {{ run ``` return '{1}'; ``` }} }}", "workflow w {{ job a {{ retries 1{2} }} }}",
    }.Select(template => string.Format(System.Globalization.CultureInfo.InvariantCulture, template, '\0', '\uD800', '\uDC00')));

    [Theory]
    [MemberData(nameof(NulAndLoneSurrogates))]
    public void NulAndLoneSurrogates_NeverThrow_AndEveryDiagnosticIsOneLine(string text) => CompilesWithinBound(text);

    private static FlowCompilation CompilesWithinBound(string text, string path = "fuzz.flow")
    {
        // A thread of its own with a known stack, so a deep recursion would fail here the same way everywhere.
        FlowCompilation? result = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = FlowCompiler.CompileSources([(path, text)], Compile.Options, _ => null);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }, maxStackSize: 1024 * 1024) { IsBackground = true }; // a hung compile must not keep the test host alive
        thread.Start();
        Assert.True(thread.Join(Bound), $"compiling a {text.Length}-character input took longer than {Bound.TotalSeconds} s");
        Assert.Null(failure);
        Assert.NotNull(result);
        Assert.All(result.Diagnostics, d => Assert.False(string.IsNullOrWhiteSpace(d.Message)));
        Assert.All(result.Diagnostics, d => Assert.DoesNotContain("internal compiler error", d.Message));
        Assert.All(result.Diagnostics, d => Assert.True(d.Position.Line >= 1 && d.Position.Column >= 1, d.ToString()));
        // What validate and the host print: one line, no control character raw, whatever the input held.
        Assert.All(result.Diagnostics, d => Assert.DoesNotContain(d.ToString(), char.IsControl));
        return result;
    }
}
