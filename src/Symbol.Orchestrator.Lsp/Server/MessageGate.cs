using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;

namespace Symbol.Orchestrator.Lsp.Server;

/// <summary>
/// Stands between stdin and the JSON-RPC reader, passing on each <c>Content-Length</c> framed message that is a JSON
/// object with a method, a result or an error, and object or array <c>params</c>, and logging and dropping any other.
/// StreamJsonRpc closes the connection on a message it cannot read (<c>{ this is not json</c>, <c>"params": 42</c>), which would end the server over one
/// bad message; a frame that cannot be read at all (no <c>Content-Length</c>) still ends it, as there is no next
/// message to find.
/// </summary>
internal sealed class MessageGate(Stream input, ServerLog log)
{
    private const int MaxHeaderLine = 8 * 1024;

    // Four times the largest .flow file the compiler reads (16 MiB), JSON-escaped in a didOpen: a larger message is
    // skipped, not allocated.
    private const int MaxMessageBytes = 64 * 1024 * 1024;
    private readonly Pipe _pipe = new();

    /// <summary>What the JSON-RPC reader reads: the well-formed messages, framed again as they came.</summary>
    public PipeReader Reader => _pipe.Reader;

    /// <summary>Copies messages until the input ends, or a frame cannot be read; then completes <see cref="Reader"/>.</summary>
    public async Task RunAsync()
    {
        try
        {
            while (await ReadFrameAsync() is { } body)
            {
                if (body.Length == 0)
                    continue;
                if (Problem(body) is { } problem)
                {
                    log.Error($"dropped a message that is not a JSON-RPC message ({problem}): {Preview(body)}");
                    continue;
                }
                await _pipe.Writer.WriteAsync(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
                await _pipe.Writer.WriteAsync(body);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidDataException or EndOfStreamException)
        {
            log.Error($"reading from the client failed: {e.Message}");
        }
        await _pipe.Writer.CompleteAsync();
    }

    private async Task<byte[]?> ReadFrameAsync()
    {
        int length = -1;
        while (await ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                if (length < 0)
                    throw new InvalidDataException("a message without a Content-Length header");
                if (length > MaxMessageBytes)
                {
                    await SkipAsync(length);
                    log.Error($"dropped a message of {length} bytes, more than the {MaxMessageBytes / (1024 * 1024)} MiB a message may have");
                    return [];
                }
                var body = new byte[length];
                await input.ReadExactlyAsync(body);
                return body;
            }
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                length = int.TryParse(line[(colon + 1)..].Trim(), out var n) && n >= 0 ? n : throw new InvalidDataException($"a bad header: {line}");
        }
        return null;
    }

    private async Task SkipAsync(long length)
    {
        var buffer = new byte[64 * 1024];
        for (long left = length; left > 0;)
        {
            int read = await input.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)));
            if (read == 0)
                throw new EndOfStreamException("the input ended inside a message");
            left -= read;
        }
    }

    // Headers are ASCII lines ending in \r\n; read a byte at a time (they are short), so no body byte is taken with them.
    private async Task<string?> ReadLineAsync()
    {
        var bytes = new ArrayBufferWriter<byte>();
        var one = new byte[1];
        while (await input.ReadAsync(one) == 1)
        {
            if (one[0] == '\n')
                return Encoding.ASCII.GetString(bytes.WrittenSpan).TrimEnd('\r');
            if (bytes.WrittenCount >= MaxHeaderLine)
                throw new InvalidDataException("a header line longer than 8 KiB");
            bytes.Write(one);
        }
        return bytes.WrittenCount == 0 ? null : throw new EndOfStreamException("the input ended inside a header");
    }

    private static string? Problem(byte[] body)
    {
        try
        {
            using var message = JsonDocument.Parse(body);
            if (message.RootElement.ValueKind != JsonValueKind.Object)
                return "not an object";
            if (!message.RootElement.TryGetProperty("method", out _) && !message.RootElement.TryGetProperty("result", out _) && !message.RootElement.TryGetProperty("error", out _))
                return "neither a request, a notification nor a reply";
            if (message.RootElement.TryGetProperty("params", out var parameters) && parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null))
                return "params neither an object nor an array";
            return null;
        }
        catch (JsonException e)
        {
            return e.Message;
        }
    }

    private static string Preview(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200));
        return body.Length > 200 ? text + "…" : text;
    }
}
