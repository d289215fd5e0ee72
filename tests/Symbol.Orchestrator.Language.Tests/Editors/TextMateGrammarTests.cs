namespace Symbol.Orchestrator.Language.Tests.Editors;

/// <summary>
/// The grammar tests of <c>editors/vscode/test/*.flow</c> (vscode-tmgrammar-test: each <c>^</c> line names the scopes
/// the characters above it must have), run as <c>npm run test:grammar</c> does, and the client's node tests.
/// </summary>
public sealed class TextMateGrammarTests
{
    // As package.json's test:grammar: VS Code embeds its own JavaScript and JSON grammars; the tests, stand-ins for them.
    private static readonly string[] GrammarTestArguments =
    [
        Path.Combine("node_modules", "vscode-tmgrammar-test", "dist", "unit.js"),
        "-g", "test/grammars/javascript-stand-in.tmLanguage.json",
        "-g", "test/grammars/json-stand-in.tmLanguage.json",
    ];

    [ExtensionFact]
    public void EveryScopeTheGrammarTestsAssertIsTheGrammars()
    {
        var (code, output) = VsCodeExtension.Node([.. GrammarTestArguments, "test/*.flow"]);

        Assert.True(code == 0, $"vscode-tmgrammar-test failed (exit {code}):\n{output}");
        Assert.Contains("strings-and-scripts.flow run successfuly", output, StringComparison.Ordinal);
    }

    [ExtensionFact]
    public void AWrongScopeFailsTheGrammarTests_WithTheLineAndTheScopeFound()
    {
        using var folder = new TempFolder();
        var test = folder.Write("wrong.flow", """
            # SYNTAX TEST "source.flow" "a keyword asserted as a string"
            workflow w { }
            # <-------- string.quoted.double.flow
            """);

        var (code, output) = VsCodeExtension.Node([.. GrammarTestArguments, test]);

        Assert.NotEqual(0, code);
        Assert.Contains("missing required scopes: string.quoted.double.flow", output, StringComparison.Ordinal);
        Assert.Contains("keyword.other.workflow.flow", output, StringComparison.Ordinal);
    }

    [ExtensionFact]
    public void TheClientsNodeTestsPass()
    {
        var (code, output) = VsCodeExtension.Node("--test", "test/");

        Assert.True(code == 0, $"node --test failed (exit {code}):\n{output}");
        Assert.Contains("# fail 0", output, StringComparison.Ordinal);
    }
}
