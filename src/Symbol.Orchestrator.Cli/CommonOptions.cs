using System.CommandLine;
using Symbol.Scheduling;

namespace Symbol.Orchestrator.Cli;

/// <summary>Options several verbs share, built anew for each verb (an option belongs to one command).</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print one JSON document on stdout instead of text." };

    public static Option<string?> Workflow() => new("--workflow") { Description = "Only the workflow with this name.", HelpName = "NAME" };

    public static Argument<string[]> Paths(string description)
    {
        var paths = new Argument<string[]>("PATH") { Description = description, Arity = ArgumentArity.OneOrMore };
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
