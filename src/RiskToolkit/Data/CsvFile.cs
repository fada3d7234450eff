using System.Text;

namespace RiskToolkit.Data;

/// <summary>Writes a CSV file atomically: a temporary file beside it first, then moved into place, so a reader never sees half a file.</summary>
internal static class CsvFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="header"/> and <paramref name="lines"/>, UTF-8 without BOM, LF line ends, replacing any file of that name.</summary>
    /// <exception cref="IOException">When the file cannot be written; the temporary file is removed.</exception>
    public static void Write(string path, string header, IEnumerable<string> lines)
    {
        path = Path.GetFullPath(path);
        string temp = Path.Join(Path.GetDirectoryName(path), $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var writer = new StreamWriter(temp, append: false, Utf8NoBom, bufferSize: 1 << 16))
            {
                writer.NewLine = "\n";
                writer.WriteLine(header);
                foreach (string line in lines)
                {
                    writer.WriteLine(line);
                }
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
