using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Supabase.Build.Benchmarks.LintBenchmarks).Assembly).Run(args);
