using Symbol.Orchestrator.Language.Planning;

namespace Symbol.Orchestrator.Language.Tests.Planning;

public sealed class ScheduleWordsTests
{
    [Theory]
    [InlineData("every 2s", "every 2 seconds")]
    [InlineData("every 1s", "every second")]
    [InlineData("every 15m", "every 15 minutes")]
    [InlineData("every 1m", "every minute")]
    [InlineData("every 1h", "every hour")]
    [InlineData("every 1h30m", "every 1 hour 30 minutes")]
    [InlineData("every 2d", "every 2 days")]
    [InlineData("cron \"0 2 * * *\"", "every day at 02:00")]
    [InlineData("\"30 9 * * MON\"", "every Monday at 09:30")]
    [InlineData("cron \"30 9 * * 1\"", "every Monday at 09:30")]
    [InlineData("cron \"0 8 * * MON-FRI\"", "every weekday at 08:00")]
    [InlineData("cron \"0 10 * * SAT,SUN\"", "every Saturday and Sunday at 10:00")]
    [InlineData("cron \"0 7 * * 1,3,5\"", "every Monday, Wednesday and Friday at 07:00")]
    [InlineData("cron \"0 0 1 * *\"", "every month on the 1st at 00:00")]
    [InlineData("cron \"15 6 22 * *\"", "every month on the 22nd at 06:15")]
    [InlineData("cron \"*/15 * * * *\"", "every 15 minutes")]
    [InlineData("cron \"* * * * *\"", "every minute")]
    [InlineData("cron \"0 * * * *\"", "every hour")]
    [InlineData("cron \"5 * * * *\"", "every hour at minute 5")]
    [InlineData("cron \"0 */6 * * *\"", "every 6 hours")]
    [InlineData("cron \"*/2 * * * * *\"", "every 2 seconds")]
    [InlineData("cron \"0 30 9 * * *\"", "every day at 09:30")]
    [InlineData("cron \"@daily\"", "every day at 00:00")]
    [InlineData("\"@hourly\"", "every hour")]
    [InlineData("at \"2030-01-01T03:00\"", "once, at 2030-01-01T03:00")]
    [InlineData("\"2031-01-01T00:00:00Z\"", "once, at 2031-01-01T00:00:00Z")]
    // No plainer words fit: the text as written.
    [InlineData("cron \"*/15 9-17 * * MON-FRI\"", "cron \"*/15 9-17 * * MON-FRI\"")]
    [InlineData("cron \"0 0 1 1 *\"", "cron \"0 0 1 1 *\"")]
    [InlineData("cron \"0 9 * * MON#2\"", "cron \"0 9 * * MON#2\"")]
    [InlineData("cron \"0 9 15W * *\"", "cron \"0 9 15W * *\"")]
    [InlineData("cron \"10 30 9 * * *\"", "cron \"10 30 9 * * *\"")]
    public void SaysCommonSchedulesInPlainEnglish(string schedule, string words)
    {
        Assert.Equal(words, ScheduleWords.Describe(schedule));
    }
}
