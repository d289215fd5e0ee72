using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Symbol.Orchestrator.Hosting;

namespace Symbol.Orchestrator.Web.Security;

/// <summary>
/// Who may use the API (docs/api.md): anyone on this machine when no <c>Http:Token</c> is set (the host then listens
/// on loopback only), else whoever shows the token, as a bearer header or the sign-in cookie.
/// </summary>
internal sealed class ApiAccess(IOptions<OrchestratorOptions> options)
{
    /// <summary>The cookie <c>POST /api/login</c> sets: the token itself, HTTP-only and same-site, so a script in a page never reads it.</summary>
    public const string Cookie = "orchestrator_token";

    // Hashed once: comparing two hashes of fixed length in constant time says nothing about the token's length either.
    private readonly byte[]? _tokenHash = string.IsNullOrWhiteSpace(options.Value.Http.Token) ? null : Hash(options.Value.Http.Token);

    public bool TokenRequired => _tokenHash is not null;

    public bool Matches(string? candidate) =>
        _tokenHash is not null && candidate is not null && CryptographicOperations.FixedTimeEquals(_tokenHash, Hash(candidate));

    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
