using System.CommandLine;
using RiskToolkit.Cli.Notebooks;
using Xunit;

namespace RiskToolkit.Tests.Notebooks;

/// <summary>Bad input is reported in one line naming the file, with exit code 2, before any kernel starts.</summary>
public sealed class NotebookInputTests : IDisposable
{
    private readonly string outDir = Directory.CreateTempSubdirectory("risk-notebook-input-").FullName;

    public void Dispose() => Directory.Delete(outDir, recursive: true);

    private static string Bad(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "Notebooks", "Bad", name);

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] paths)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await NotebookRunner.RunAsync(paths, outDir, showCode: false, dataDir: null, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static void AssertOneLineNoStackTrace(string stderr, string startsWith)
    {
        Assert.StartsWith(startsWith, stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("Exception", stderr);
    }

    [Fact]
    public async Task Missing_path_exits_2_naming_it()
    {
        var missing = Path.Combine(outDir, "no-such-notebook.ipynb");
        var (exit, stdout, stderr) = await RunAsync(missing);
        Assert.Equal(NotebookRunner.BadInput, exit);
        Assert.Equal(string.Empty, stdout);
        AssertOneLineNoStackTrace(stderr, $"{missing}: no such file or folder");
    }

    [Fact]
    public async Task Unknown_extension_exits_2_naming_the_file()
    {
        var (exit, _, stderr) = await RunAsync(Bad("notes.txt"));
        Assert.Equal(NotebookRunner.BadInput, exit);
        AssertOneLineNoStackTrace(stderr, $"{Bad("notes.txt")}: not a notebook");
    }

    [Fact]
    public async Task Unreadable_notebook_exits_2_naming_the_file()
    {
        var (exit, _, stderr) = await RunAsync(Bad("broken.ipynb"));
        Assert.Equal(NotebookRunner.BadInput, exit);
        AssertOneLineNoStackTrace(stderr, $"{Bad("broken.ipynb")}: cannot read notebook: ");
    }

    [Fact]
    public async Task Bad_input_anywhere_stops_before_any_notebook_runs()
    {
        var good = Path.Combine(AppContext.BaseDirectory, "Data", "Notebooks", "compute.ipynb");
        var (exit, stdout, _) = await RunAsync(good, Bad("broken.ipynb"));
        Assert.Equal(NotebookRunner.BadInput, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outDir));
    }

    [Fact]
    public async Task Folder_without_notebooks_exits_2()
    {
        var empty = Directory.CreateDirectory(Path.Combine(outDir, "empty")).FullName;
        var (exit, _, stderr) = await RunAsync(empty);
        Assert.Equal(NotebookRunner.BadInput, exit);
        AssertOneLineNoStackTrace(stderr, $"{empty}: folder holds no .ipynb or .dib notebook");
    }

    [Fact]
    public void Folder_means_its_ipynb_and_dib_files_sorted_ordinally_not_recursive()
    {
        var dir = Directory.CreateDirectory(Path.Combine(outDir, "nb")).FullName;
        foreach (var name in new[] { "b.ipynb", "a.dib", "C.dib", "c.txt", "d.IPYNB" })
        {
            File.WriteAllText(Path.Combine(dir, name), string.Empty);
        }

        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        File.WriteAllText(Path.Combine(dir, "sub", "e.ipynb"), string.Empty);

        var files = NotebookLoader.Expand([dir]).Select(f => Path.GetFileName(f.FullPath)).ToArray();
        Assert.Equal(["C.dib", "a.dib", "b.ipynb", "d.IPYNB"], files);
    }

    [Fact]
    public void Two_notebooks_with_the_same_output_name_are_rejected_even_if_case_differs()
    {
        var dir = Directory.CreateDirectory(Path.Combine(outDir, "dup")).FullName;
        File.WriteAllText(Path.Combine(dir, "x.ipynb"), string.Empty);
        File.WriteAllText(Path.Combine(dir, "X.dib"), string.Empty);
        var e = Assert.Throws<NotebookInputException>(() => NotebookLoader.Expand([dir]));
        Assert.Contains("same output name", e.Message);
    }

    [Fact]
    public async Task Command_parses_paths_out_and_show_code_and_reports_bad_input()
    {
        var command = NotebookCommand.Create();
        Assert.Equal("notebook", command.Name);
        var root = new RootCommand { command };
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var missing = Path.Combine(outDir, "missing.dib");
        var exit = await root.Parse(["notebook", "run", missing, "--out", outDir, "--show-code"])
            .InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        Assert.Equal(NotebookRunner.BadInput, exit);
        Assert.Equal($"{missing}: no such file or folder", stderr.ToString().TrimEnd());
    }

    [Fact]
    public async Task Missing_data_folder_exits_2_naming_it_before_any_notebook_runs()
    {
        var good = Path.Combine(AppContext.BaseDirectory, "Data", "Notebooks", "compute.ipynb");
        var missing = Path.Combine(outDir, "no-such-data");
        var root = new RootCommand { NotebookCommand.Create() };
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await root.Parse(["notebook", "run", good, "--out", outDir, "--data", missing])
            .InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        Assert.Equal(NotebookRunner.BadInput, exit);
        Assert.Equal(string.Empty, stdout.ToString());
        AssertOneLineNoStackTrace(stderr.ToString(), $"{missing}: --data names no folder");
        Assert.Empty(Directory.EnumerateFileSystemEntries(outDir));
    }

    [Fact]
    public void Data_defaults_to_the_data_folder_of_the_current_directory_when_there_is_one()
    {
        Assert.Null(NotebookCommand.DefaultDataFolder(outDir));
        File.WriteAllText(Path.Combine(outDir, "data"), "a file, not a folder");
        Assert.Null(NotebookCommand.DefaultDataFolder(outDir));
        File.Delete(Path.Combine(outDir, "data"));
        Directory.CreateDirectory(Path.Combine(outDir, "data"));
        Assert.Equal("data", NotebookCommand.DefaultDataFolder(outDir));
    }

    [Fact]
    public void Data_option_help_states_the_default()
    {
        var run = NotebookCommand.Create().Subcommands.Single(c => c.Name == "run");
        var data = run.Options.Single(o => o.Name == "--data");
        Assert.Contains("Default: ./data when that folder exists, else none.", data.Description);
    }

    [Fact]
    public void Command_requires_out()
    {
        var root = new RootCommand { NotebookCommand.Create() };
        var parse = root.Parse(["notebook", "run", "x.ipynb"]);
        Assert.NotEmpty(parse.Errors);
    }
}
