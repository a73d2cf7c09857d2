using LabelStudioMl.Bot.Features.Watch;


namespace LabelStudioMl.Bot.Tests.Watch;

/// <summary>When the watcher polls next.</summary>
public sealed class WatchScheduleTests
{
    private static readonly WatchSettings Options = new() { Interval = TimeSpan.FromSeconds(60), MaxBackoff = TimeSpan.FromMinutes(10) };

    [Theory]
    [InlineData(0.0, 54)]
    [InlineData(0.5, 60)]
    [InlineData(0.999999, 66)]
    public void After_a_good_poll_the_wait_is_the_interval_within_ten_percent(double random, double seconds)
    {
        Assert.Equal(seconds, WatchSchedule.Delay(Options, 0, random).TotalSeconds, precision: 3);
    }

    [Theory]
    [InlineData(1, 120)]
    [InlineData(3, 480)]
    [InlineData(4, 600)]
    [InlineData(1000, 600)]
    public void While_Label_Studio_fails_the_wait_doubles_up_to_the_maximum(int failedPolls, double seconds)
    {
        Assert.Equal(seconds, WatchSchedule.Delay(Options, failedPolls, 0.5).TotalSeconds, precision: 3);
    }
}
