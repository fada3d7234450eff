using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RiskToolkit.Cli.Notebooks;

/// <summary>Writes an executed notebook as Jupyter nbformat 4.5: every cell has an id, code cells carry their outputs.</summary>
internal static class IpynbWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(LoadedNotebook notebook)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteStartArray("cells");
            foreach (var cell in notebook.Cells)
            {
                WriteCell(json, cell);
            }

            json.WriteEndArray();
            WriteNotebookMetadata(json);
            json.WriteNumber("nbformat", 4);
            json.WriteNumber("nbformat_minor", 5);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteCell(Utf8JsonWriter json, NotebookCell cell)
    {
        json.WriteStartObject();
        if (cell.Kind == CellKind.Markdown)
        {
            json.WriteString("cell_type", "markdown");
            json.WriteString("id", cell.Id);
            json.WriteStartObject("metadata");
            json.WriteEndObject();
            WriteLines(json, "source", cell.Source);
            json.WriteEndObject();
            return;
        }

        json.WriteString("cell_type", "code");
        if (cell.ExecutionCount is { } count)
        {
            json.WriteNumber("execution_count", count);
        }
        else
        {
            json.WriteNull("execution_count");
        }

        json.WriteString("id", cell.Id);
        json.WriteStartObject("metadata");
        json.WriteStartObject("dotnet_interactive");
        json.WriteString("language", cell.Language);
        json.WriteEndObject();
        json.WriteStartObject("polyglot_notebook");
        json.WriteString("kernelName", cell.Language);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("outputs");
        foreach (var output in cell.Outputs)
        {
            WriteOutput(json, output, cell.ExecutionCount);
        }

        json.WriteEndArray();
        WriteLines(json, "source", cell.Source);
        json.WriteEndObject();
    }

    private static void WriteOutput(Utf8JsonWriter json, CellOutput output, int? executionCount)
    {
        json.WriteStartObject();
        switch (output)
        {
            case DataOutput data:
                json.WriteString("output_type", data.IsResult ? "execute_result" : "display_data");
                json.WriteStartObject("data");
                foreach (var (mimeType, value) in data.Data.DistinctBy(d => d.Key, StringComparer.OrdinalIgnoreCase))
                {
                    WriteMimeValue(json, mimeType, value);
                }

                json.WriteEndObject();
                if (data.IsResult)
                {
                    json.WriteNumber("execution_count", executionCount ?? 0);
                }

                json.WriteStartObject("metadata");
                json.WriteEndObject();
                break;
            case StreamOutput stream:
                json.WriteString("output_type", "stream");
                json.WriteString("name", stream.Name);
                WriteLines(json, "text", stream.Text);
                break;
            case ErrorOutput error:
                json.WriteString("output_type", "error");
                json.WriteString("ename", error.Name);
                json.WriteString("evalue", error.Message);
                json.WriteStartArray("traceback");
                foreach (var line in error.Details)
                {
                    json.WriteStringValue(line);
                }

                json.WriteEndArray();
                break;
        }

        json.WriteEndObject();
    }

    private static void WriteMimeValue(Utf8JsonWriter json, string mimeType, string value)
    {
        var isJson = mimeType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mimeType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
        if (isJson)
        {
            try
            {
                using var parsed = JsonDocument.Parse(value);
                json.WritePropertyName(mimeType);
                parsed.RootElement.WriteTo(json);
                return;
            }
            catch (JsonException)
            {
                // Not valid JSON after all: keep it as text below.
            }
        }

        WriteLines(json, mimeType, value);
    }

    /// <summary>Writes multi-line text the Jupyter way: an array of lines, each but the last ending in a newline.</summary>
    private static void WriteLines(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartArray(name);
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline + 1;
            json.WriteStringValue(text.AsSpan(start, end - start));
            start = end;
        }

        json.WriteEndArray();
    }

    private static void WriteNotebookMetadata(Utf8JsonWriter json)
    {
        json.WriteStartObject("metadata");
        json.WriteStartObject("kernelspec");
        json.WriteString("display_name", ".NET (C#)");
        json.WriteString("language", "C#");
        json.WriteString("name", ".net-csharp");
        json.WriteEndObject();
        json.WriteStartObject("language_info");
        json.WriteString("name", "polyglot-notebook");
        json.WriteEndObject();
        json.WriteStartObject("polyglot_notebook");
        json.WriteStartObject("kernelInfo");
        json.WriteString("defaultKernelName", "csharp");
        json.WriteStartArray("items");
        json.WriteStartObject();
        json.WriteStartArray("aliases");
        json.WriteEndArray();
        json.WriteString("name", "csharp");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
