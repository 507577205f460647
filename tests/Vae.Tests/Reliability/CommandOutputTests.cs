using NUnit.Framework;
using Vae.Cli.Output;
using Vae.Core.IO;

namespace Vae.Tests.Reliability;

/// <summary>The output contract's mechanism in process (<see cref="CommandOutput"/>, <see cref="OutputLock"/>): staging,
/// commit, clean-up of a killed run's leftovers (including a previous result caught between the renames of a commit).</summary>
[TestFixture]
public sealed class CommandOutputTests : ScratchDirectoryTest
{
    [Test]
    public void Nothing_is_visible_before_commit_and_everything_after()
    {
        var target = Path.Combine(Scratch, "a", "b", "out");
        using (var output = CommandOutput.Directory(target, force: false))
        {
            File.WriteAllText(Path.Combine(output.Path, "result.txt"), "new");
            Assert.That(Directory.Exists(target), Is.False, "staged, not yet visible");
            output.Commit();
        }
        Assert.That(File.ReadAllText(Path.Combine(target, "result.txt")), Is.EqualTo("new"));
        Assert.That(Harness.Leftovers(target), Is.Empty);
    }

    [Test]
    public void Dispose_without_commit_removes_the_staging_and_the_parents_it_created()
    {
        var target = Path.Combine(Scratch, "a", "b", "out");
        using (var output = CommandOutput.Directory(target, force: false))
            File.WriteAllText(Path.Combine(output.Path, "partial.txt"), "half");
        Assert.That(Directory.GetFileSystemEntries(Scratch), Is.Empty);
    }

    [Test]
    public void A_second_holder_is_refused_and_the_lock_is_free_after_dispose()
    {
        var target = Path.Combine(Scratch, "out");
        using (CommandOutput.Directory(target, force: false))
        {
            var e = Assert.Throws<OutputLockedException>(() => CommandOutput.Directory(target, force: true));
            Assert.That(e!.Message, Does.Contain("is in use by another vae process"));
        }
        using (CommandOutput.Directory(target, force: false)) { }
        Assert.That(Directory.GetFileSystemEntries(Scratch), Is.Empty);
    }

    [Test]
    public void A_killed_runs_salvaged_file_and_directory_move_into_the_new_staging_and_the_rest_is_deleted()
    {
        var target = Path.Combine(Scratch, "out");
        var older = Path.Combine(Scratch, ".out.vae-tmp-100-aaa");
        var newer = Path.Combine(Scratch, ".out.vae-tmp-200-bbb");
        Directory.CreateDirectory(Path.Combine(older, "sweeps", "grid"));
        File.WriteAllText(Path.Combine(older, "sweeps", "grid", "run.txt"), "older");
        Directory.SetLastWriteTimeUtc(Path.Combine(older, "sweeps"), DateTime.UtcNow.AddHours(-1));
        Directory.CreateDirectory(Path.Combine(newer, "sweeps", "grid"));
        File.WriteAllText(Path.Combine(newer, "sweeps", "grid", "run.txt"), "newer");
        File.WriteAllText(Path.Combine(newer, "checkpoint.safetensors"), "state");
        File.WriteAllText(Path.Combine(newer, "index.html"), "half");
        using (var output = CommandOutput.Directory(target, force: false, salvage: ["sweeps", "checkpoint.safetensors"]))
        {
            Assert.That(File.ReadAllText(Path.Combine(output.Path, "sweeps", "grid", "run.txt")), Is.EqualTo("newer"), "the newest directory of that name");
            Assert.That(File.ReadAllText(Path.Combine(output.Path, "checkpoint.safetensors")), Is.EqualTo("state"));
            Assert.That(File.Exists(Path.Combine(output.Path, "index.html")), Is.False, "only the salvaged names are kept");
            Assert.That(Directory.Exists(older) || Directory.Exists(newer), Is.False, "the orphans are deleted");
            output.Commit();
        }
        Assert.That(File.ReadAllText(Path.Combine(target, "sweeps", "grid", "run.txt")), Is.EqualTo("newer"));
    }

    [Test]
    public void A_rerun_refused_for_lack_of_force_leaves_the_killed_runs_salvage_in_place()
    {
        // reproduce --force killed over an existing report, re-run without --force: the usage error must not delete the
        // killed run's finished sweeps (review finding 6a).
        var target = Path.Combine(Scratch, "out");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "index.html"), "previous");
        var orphan = Path.Combine(Scratch, ".out.vae-tmp-100-aaa");
        Directory.CreateDirectory(Path.Combine(orphan, "sweeps"));
        File.WriteAllText(Path.Combine(orphan, "sweeps", "run.txt"), "finished");
        Assert.Throws<ArgumentException>(() => CommandOutput.Directory(target, force: false, salvage: ["sweeps"]));
        Assert.That(File.ReadAllText(Path.Combine(orphan, "sweeps", "run.txt")), Is.EqualTo("finished"));
        using var output = CommandOutput.Directory(target, force: true, salvage: ["sweeps"]);
        Assert.That(File.ReadAllText(Path.Combine(output.Path, "sweeps", "run.txt")), Is.EqualTo("finished"), "taken over by the run with --force");
    }

    [Test]
    public void An_uncommitted_dispose_keeps_the_salvage_entries_for_the_next_run_and_deletes_the_rest()
    {
        // Ctrl+C or SIGTERM ends reproduce through Dispose without Commit: its sweeps must survive for the resume (6b).
        var target = Path.Combine(Scratch, "out");
        using (var output = CommandOutput.Directory(target, force: false, salvage: ["sweeps"]))
        {
            Directory.CreateDirectory(Path.Combine(output.Path, "sweeps"));
            File.WriteAllText(Path.Combine(output.Path, "sweeps", "run.txt"), "checkpoint");
            File.WriteAllText(Path.Combine(output.Path, "index.html"), "half");
        }
        var kept = Directory.GetDirectories(Scratch, ".out.vae-tmp-*");
        Assert.That(kept, Has.Length.EqualTo(1));
        Assert.That(Directory.GetFileSystemEntries(kept[0]).Select(Path.GetFileName), Is.EqualTo(new[] { "sweeps" }));
        Assert.That(Directory.Exists(target), Is.False, "nothing committed");
        using (var output = CommandOutput.Directory(target, force: false, salvage: ["sweeps"]))
            Assert.That(File.ReadAllText(Path.Combine(output.Path, "sweeps", "run.txt")), Is.EqualTo("checkpoint"));
        // The second run staged no salvage of its own beyond what it took over, which it keeps again; without salvage
        // names an uncommitted dispose leaves nothing.
        using (CommandOutput.Directory(Path.Combine(Scratch, "plain"), force: false, salvage: ["sweeps"])) { }
        Assert.That(Directory.GetFileSystemEntries(Scratch, ".plain*"), Is.Empty);
    }

    [Test]
    public void Leftovers_of_a_killed_run_are_cleaned_and_a_previous_result_caught_mid_commit_is_restored()
    {
        var target = Path.Combine(Scratch, "out");
        // A run killed while staging, and one killed between "previous result renamed aside" and "new result renamed in".
        Directory.CreateDirectory(Path.Combine(Scratch, ".out.vae-tmp-123-abc"));
        File.WriteAllText(Path.Combine(Scratch, ".out.vae-tmp-123-abc", "model.safetensors"), "half");
        var old = Path.Combine(Scratch, ".out.vae-old-124-def");
        Directory.CreateDirectory(old);
        File.WriteAllText(Path.Combine(old, "model.safetensors"), "previous");
        File.WriteAllText(Path.Combine(Scratch, ".out.vae-lock"), "");
        var e = Assert.Throws<ArgumentException>(() => CommandOutput.Directory(target, force: false));
        Assert.That(e!.Message, Does.Contain("is not empty"), "the restored previous result counts as existing output");
        Assert.That(File.ReadAllText(Path.Combine(target, "model.safetensors")), Is.EqualTo("previous"), "restored");
        Assert.That(Directory.GetFileSystemEntries(Scratch), Is.EqualTo(new[] { target }), "staging and lock gone");
    }

    [Test]
    public void A_restored_previous_result_is_refused_without_force_and_replaced_with_it()
    {
        var target = Path.Combine(Scratch, "out");
        var old = Path.Combine(Scratch, ".out.vae-old-124-def");
        Directory.CreateDirectory(old);
        File.WriteAllText(Path.Combine(old, "model.safetensors"), "previous");
        File.WriteAllText(Path.Combine(old, "notes.txt"), "user");
        Assert.Throws<ArgumentException>(() => CommandOutput.Directory(target, force: false));
        Assert.That(File.ReadAllText(Path.Combine(target, "model.safetensors")), Is.EqualTo("previous"), "restored");
        using (var output = CommandOutput.Directory(target, force: true))
        {
            File.WriteAllText(Path.Combine(output.Path, "model.safetensors"), "new");
            output.Commit();
        }
        Assert.That(File.ReadAllText(Path.Combine(target, "model.safetensors")), Is.EqualTo("new"));
        Assert.That(File.ReadAllText(Path.Combine(target, "notes.txt")), Is.EqualTo("user"), "files the new result lacks are kept");
        Assert.That(Harness.Leftovers(target), Is.Empty);
    }

    [Test]
    public void A_file_target_is_replaced_atomically_only_with_force()
    {
        var target = Path.Combine(Scratch, "report.json");
        File.WriteAllText(target, "old");
        Assert.Throws<ArgumentException>(() => CommandOutput.File(target, force: false, "--out"));
        using (var output = CommandOutput.File(target, force: true, "--out"))
        {
            File.WriteAllText(output.Path, "new");
            Assert.That(File.ReadAllText(target), Is.EqualTo("old"));
            output.Commit();
        }
        Assert.That(File.ReadAllText(target), Is.EqualTo("new"));
        Assert.That(Directory.GetFileSystemEntries(Scratch), Is.EqualTo(new[] { target }));
    }

    [Test]
    public void A_lock_file_deleted_by_its_holder_is_not_shared_by_two_takers()
    {
        var file = Path.Combine(Scratch, "x.vae-lock");
        var first = OutputLock.Acquire(file, "x");
        // A taker that opened the file just before the holder deleted it would lock the deleted inode; OutputLock notices
        // and takes the new file instead. Here: the holder releases, a second and a third taker race for the new file.
        first.Dispose();
        using var second = OutputLock.Acquire(file, "x");
        Assert.Throws<OutputLockedException>(() => OutputLock.Acquire(file, "x"));
        Assert.That(File.Exists(file), Is.True);
    }
}
