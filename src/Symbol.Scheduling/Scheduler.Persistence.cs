namespace Symbol.Scheduling;

public sealed partial class Scheduler
{
    /// <summary>
    /// Writes every pending job (name, schedule, arguments, next run) to <paramref name="path"/> as JSON,
    /// atomically. Arguments must be JSON-serialisable.
    /// </summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        List<(ScheduledJob, long)> jobs;
        lock (_gate)
        {
            jobs = PendingLocked().ToList();
        }
        ScheduleFile.Write(path, jobs, _time.GetUtcNow());
    }

    /// <summary>
    /// Reads a schedule written by <see cref="Save"/> and schedules each job with the callable
    /// <see cref="Register">registered</see> under its name, keeping its saved next run. A run that
    /// fell due while the program was down follows <see cref="SchedulerOptions.MissedRuns"/>.
    /// All or nothing: a corrupt file or an unknown name throws <see cref="ScheduleFileException"/> and schedules nothing.
    /// </summary>
    public IReadOnlyList<ScheduledJob> Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var entries = ScheduleFile.Read(path);
        var loaded = new List<(ScheduledJob Job, long Next)>(entries.Count);
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                if (!_callables.TryGetValue(entry.Name, out var callable))
                {
                    var known = _callables.Count == 0 ? "none are registered" : "registered: " + string.Join(", ", _callables.Keys.Order());
                    throw new ScheduleFileException($"{path}: job '{entry.Name}': no callable is registered under that name ({known})");
                }
                try
                {
                    loaded.Add((new ScheduledJob(entry.Name, callable, entry.Schedule, entry.Arguments, entry.NamedArguments), entry.NextRunTicks));
                }
                catch (ArgumentException ex)
                {
                    throw new ScheduleFileException($"{path}: {ex.Message}", ex);
                }
            }
            _due.EnsureCapacity(loaded.Count);
            foreach (var (job, next) in loaded)
            {
                AdmitLocked(job);
                EnqueueLocked(job, next);
            }
        }
        return loaded.Select(l => l.Job).ToArray();
    }
}
