using System.Net;
using LiveInteract.Grains.Webhooks;

namespace LiveInteract.Grains.Tests.Webhooks;

public sealed class WebhookUrlPolicyTests
{
    [Theory]
    [InlineData("https://hooks.example.com/live")]
    [InlineData("http://10.0.0.5:8080/hook")]
    public void Accepts_http_and_https_to_ordinary_hosts(string url) => Assert.Null(WebhookUrlPolicy.Check(url, allowLoopback: false));

    [Theory]
    [InlineData("ftp://example.com/x", "http or https")]
    [InlineData("file:///etc/passwd", "http or https")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("http://[fe80::1]/", "link-local")]
    [InlineData("http://[fd00:ec2::254]/", "metadata")]
    [InlineData("http://metadata.google.internal/", "metadata")]
    [InlineData("http://100.100.100.200/", "metadata")]
    [InlineData("http://127.0.0.1:9000/", "loopback")]
    [InlineData("http://localhost/", "loopback")]
    [InlineData("http://[::ffff:169.254.169.254]/", "link-local")]
    [InlineData("http://user:pw@example.com/", "credentials")]
    [InlineData("relative/path", "absolute")]
    [InlineData("", "required")]
    public void Refuses_with_a_reason(string url, string reason) => Assert.Contains(reason, WebhookUrlPolicy.Check(url, allowLoopback: false), StringComparison.Ordinal);

    [Fact]
    public void Loopback_only_when_allowed_and_link_local_never()
    {
        Assert.Null(WebhookUrlPolicy.Check("http://127.0.0.1:9000/hook", allowLoopback: true));
        Assert.NotNull(WebhookUrlPolicy.Refusal(IPAddress.Parse("169.254.169.254"), allowLoopback: true));
    }
}
