using System.Text;
using Supabase.Build.Cli;

// Buffered UTF-8 stdout: a large report is one write, not one per line. stderr stays unbuffered.
using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = false };
var exitCode = CliApplication.Run(args, stdout, Console.Error, Environment.CurrentDirectory);
stdout.Flush();
return exitCode;
