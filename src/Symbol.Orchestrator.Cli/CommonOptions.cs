using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using System.Text.Json.Nodes;
using Symbol.Orchestrator.Execution;
using Symbol.Scheduling;

namespace Symbol.Orchestrator.Cli;

/// <summary>Options several verbs share, built anew for each verb (an option belongs to one command).</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print one JSON document on stdout instead of text." };

    public static Option<string?> Workflow() => new Option<string?>("--workflow") { Description = "Only the workflow with this name.", HelpName = "NAME" }.NotBlank();

    /// <summary>
    /// Makes an empty value a usage error naming the argument (<c>retry ''</c> would otherwise reach the executor, whose
    /// <c>ArgumentException</c> prints "(Parameter 'runId')"). Names and run ids refuse white space alone too; a path
    /// may be " " (a file can be named so), but never empty.
    /// </summary>
    public static Argument<T> NotBlank<T>(this Argument<T> argument, bool whiteSpaceAllowed = false)
    {
        argument.Validators.Add(result => RefuseBlank(result, argument.Name, whiteSpaceAllowed));
        return argument;
    }

    /// <inheritdoc cref="NotBlank{T}(Argument{T}, bool)"/>
    public static Option<T> NotBlank<T>(this Option<T> option, bool whiteSpaceAllowed = false)
    {
        option.Validators.Add(result => RefuseBlank(result, option.Name, whiteSpaceAllowed));
        return option;
    }

    private static void RefuseBlank(SymbolResult result, string name, bool whiteSpaceAllowed)
    {
        foreach (var token in result.Tokens)
            if (whiteSpaceAllowed ? token.Value.Length == 0 : string.IsNullOrWhiteSpace(token.Value))
                result.AddError($"{name} must not be {(token.Value.Length == 0 ? "empty" : $"blank, found '{token.Value}'")}");
    }

    /// <summary><c>--param k=v</c>, repeatable: a run's params over the workflow's (<c>trigger</c>, <c>backfill</c>); read with <see cref="ParamsJson"/>.</summary>
    public static Option<string[]> Param()
    {
        var param = new Option<string[]>("--param")
        {
            Description = "A param for the run, over the workflow's params: k=v, v read as JSON if it parses, else as a string. Repeatable.",
            HelpName = "k=v",
            AllowMultipleArgumentsPerToken = false,
        };
        param.Validators.Add(result =>
        {
            // "=x" and " =x" name no param.
            foreach (var token in result.Tokens)
                if (token.Value.IndexOf('=') is var split && (split < 0 || string.IsNullOrWhiteSpace(token.Value[..split])))
                    result.AddError($"--param '{token.Value}' must be k=v with a name for k");
        });
        return param;
    }

    /// <summary>The JSON object of <see cref="Param"/>'s values (the last of a name wins), or null when there are none.</summary>
    public static string? ParamsJson(string[] parameters)
    {
        if (parameters.Length == 0)
            return null;
        var merged = new JsonObject();
        foreach (var parameter in parameters)
        {
            var split = parameter.IndexOf('=');
            merged[parameter[..split]] = ParamValue(parameter[(split + 1)..]);
        }
        return merged.ToJsonString();
    }

    // --param batch=500 is a number and --param region=eu a string: what a shell user means without quoting JSON.
    private static JsonNode? ParamValue(string text)
    {
        try
        {
            // On Windows an argument is UTF-16 and can hold a lone surrogate, which JsonNode.Parse refuses with an ArgumentException.
            return JsonNode.Parse(JsonText.WithoutLoneSurrogates(text));
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    public static Argument<string[]> Paths(string description)
    {
        var paths = new Argument<string[]>("PATH") { Description = description, Arity = ArgumentArity.OneOrMore }.NotBlank(whiteSpaceAllowed: true);
        // A list argument swallows unknown options ("validate x.flow --nope" would look for a file "--nope").
        paths.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (token.Value.StartsWith('-') && !File.Exists(token.Value) && !Directory.Exists(token.Value))
                    result.AddError($"Unrecognized option '{token.Value}'.");
        });
        return paths;
    }

    /// <summary>
    /// An ISO 8601 time. It is checked here so a malformed one is a usage error (exit 2); it is read later,
    /// per workflow, because a time without an offset means the workflow's zone, as <c>at</c> does.
    /// </summary>
    public static Option<string?> Time(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = "ISO" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && !Iso8601.TryParse(text, TimeZoneInfo.Utc, out _, out var error))
                result.AddError($"{name} '{text}': {error}");
        });
        return option;
    }

    /// <summary>Reads a time that <see cref="Time"/> accepted, in <paramref name="zone"/> when it has no offset.</summary>
    public static DateTimeOffset? ReadTime(string? text, TimeZoneInfo zone) =>
        text is null ? null
        : Iso8601.TryParse(text, zone, out var instant, out _) ? instant
        : throw new InvalidOperationException($"'{text}' passed validation but does not parse");
}
