using System.Text;
using Supabase.Build.Cli;

// Buffered UTF-8 stdout: a large report is one write, not one per line. stderr stays unbuffered, and UTF-8 too, so a
// build that runs the CLI (and reads both streams as UTF-8) sees the same text whatever the console's code page.
using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = false };
using var stderr = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true };
var exitCode = CliApplication.Run(args, stdout, stderr, Environment.CurrentDirectory);
stdout.Flush();
return exitCode;
