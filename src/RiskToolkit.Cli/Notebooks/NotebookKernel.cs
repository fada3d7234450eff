using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;
using RiskToolkit.Reporting.Notebooks;

namespace RiskToolkit.Cli.Notebooks;

/// <summary>
/// A fresh C# kernel for one notebook: <c>#r "nuget:…"</c> support, package kernel extensions from
/// <c>{package root}/interactive-extensions/dotnet/*.dll</c>, the <c>display()</c> helpers, and the toolkit's formatters.
/// </summary>
internal sealed class NotebookKernel : IDisposable
{
    private readonly CompositeKernel composite;
    private readonly HashSet<string> loadedExtensionAssemblies = new(StringComparer.OrdinalIgnoreCase);

    private static readonly Lazy<bool> FormattingConfigured = new(() =>
    {
        NotebookFormatters.Register();

        // Values get text/plain beside text/html, so the executed .ipynb has both and the HTML export can show plain values
        // as plain text. Charts and data frames keep HTML only (NotebookFormatters sets that).
        Formatter.SetPreferredMimeTypesFor(typeof(object), "text/html", "text/plain");
        return true;
    });

    public NotebookKernel()
    {
        _ = FormattingConfigured.Value;

        var csharp = new CSharpKernel()
            .UseNugetDirective(
                (kernel, packages) =>
                {
                    kernel.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
                    return Task.CompletedTask;
                })
            .UseKernelHelpers();

        composite = new CompositeKernel { csharp };
        composite.DefaultKernelName = csharp.Name;

        var addedPackages = new ConcurrentQueue<ResolvedPackageReference>();
        var subscription = composite.KernelEvents.Subscribe(
            new EventObserver(e =>
            {
                if (e is PackageAdded { PackageReference.PackageRoot: not null } added)
                {
                    addedPackages.Enqueue(added.PackageReference);
                }
            }));
        composite.RegisterForDisposal(subscription);

        composite.AddMiddleware(
            async (command, context, next) =>
            {
                await next(command, context);
                while (addedPackages.TryDequeue(out var package))
                {
                    await LoadExtensionsAsync(package, context);
                }
            },
            "RiskToolkit package extensions");
    }

    /// <summary>Submits one cell of C# and returns every event it produced.</summary>
    public async Task<KernelCommandResult> SubmitAsync(string code, CancellationToken cancellationToken) =>
        await composite.SendAsync(new SubmitCode(code, "csharp"), cancellationToken);

    /// <summary>
    /// The value of the top-level variable <c>seed</c> when a cell declared one of an integer type: notebooks name their
    /// random seed so, and the report's provenance stamp records it.
    /// </summary>
    public long? Seed() =>
        composite.ChildKernels.OfType<CSharpKernel>().Single().TryGetValue("seed", out object? value)
            ? value switch { int i => i, long l => l, uint u => u, ulong u when u <= long.MaxValue => (long)u, _ => null }
            : null;

    public void Dispose() => composite.Dispose();

    private async Task LoadExtensionsAsync(ResolvedPackageReference package, KernelInvocationContext context)
    {
        var folder = Path.Combine(package.PackageRoot, "interactive-extensions", "dotnet");
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var dll in Directory.EnumerateFiles(folder, "*.dll").Order(StringComparer.Ordinal))
        {
            if (!loadedExtensionAssemblies.Add(Path.GetFileName(dll)))
            {
                continue;
            }

            Assembly assembly;
            try
            {
                assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(dll);
            }
            catch (Exception e) when (e is IOException or BadImageFormatException)
            {
                context.Fail(context.Command, e, $"cannot load kernel extension {Path.GetFileName(dll)}: {e.Message}");
                return;
            }

            var extensionTypes = assembly.GetExportedTypes()
                .Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }
                    && typeof(IKernelExtension).IsAssignableFrom(t));
            foreach (var type in extensionTypes)
            {
                try
                {
                    var extension = (IKernelExtension)Activator.CreateInstance(type)!;
                    await extension.OnLoadAsync(composite);
                    context.Publish(new KernelExtensionLoaded(extension, context.Command));
                }
                catch (Exception e)
                {
                    context.Fail(context.Command, e, $"kernel extension {type.Name} failed to load: {e.Message}");
                    return;
                }
            }
        }
    }

    private sealed class EventObserver(Action<KernelEvent> onNext) : IObserver<KernelEvent>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(KernelEvent value) => onNext(value);
    }
}
