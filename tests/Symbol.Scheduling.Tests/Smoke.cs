namespace Symbol.Scheduling.Tests;
public class Smoke { [Fact] public void Builds() => Assert.NotNull(Schedule.Cron("* * * * *")); }
