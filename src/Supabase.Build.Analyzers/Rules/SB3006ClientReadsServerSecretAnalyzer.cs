using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Supabase.Build.Analyzers.Detection;
using Supabase.Build.Analyzers.Infrastructure;

namespace Supabase.Build.Analyzers.Rules;

/// <summary>
/// SB3006 client-reads-server-secret: a client project (Blazor WebAssembly, MAUI, desktop) reads a service-role or
/// secret key from configuration or the environment: <c>Environment.GetEnvironmentVariable("SUPABASE_SERVICE_ROLE_KEY")</c>,
/// <c>configuration["Supabase:ServiceRoleKey"]</c>, <c>GetValue&lt;string&gt;(...)</c>, <c>GetSection(...)</c>. For the read
/// to work, the key would have to ship with the app (a Blazor WebAssembly app's configuration is a public file in
/// wwwroot). Only client projects are analysed.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SB3006ClientReadsServerSecretAnalyzer : DiagnosticAnalyzer
{
    public const string Id = "SB3006";

    private const string ConfigurationInterface = "Microsoft.Extensions.Configuration.IConfiguration";

    internal static readonly DiagnosticDescriptor Descriptor = new(
        Id,
        title: "Client project reads a server-only key",
        messageFormat: "Client project reads '{0}' from {1}: the key would have to ship with the app to be read; keep it on a server (an API or a Supabase Edge Function) and use the publishable or anon key here",
        RuleInfo.Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A Blazor WebAssembly app downloads its configuration (wwwroot/appsettings.json) into the browser; MAUI and desktop apps carry theirs in the package. A service-role, secret or JWT-secret key read there is readable by every user.",
        helpLinkUri: RuleInfo.HelpLink(Id));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

    private static readonly Marker[] Markers = [new("service", System.StringComparison.OrdinalIgnoreCase), new("secret", System.StringComparison.OrdinalIgnoreCase)];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            if (ProjectKindDetector.Detect(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions) != ProjectKind.Client)
            {
                return;
            }

            var configuration = start.Compilation.GetTypeByMetadataName(ConfigurationInterface);
            start.RegisterSemanticModelAction(model => AnalyzeTree(model, configuration));
        });
    }

    /// <summary>
    /// One callback per file: the string literals whose text says "service" or "secret" and whose value names a
    /// server-only key, then what they are passed to.
    /// </summary>
    private static void AnalyzeTree(SemanticModelAnalysisContext context, INamedTypeSymbol? configuration)
    {
        var tree = context.SemanticModel.SyntaxTree;
        var text = tree.GetText(context.CancellationToken).ToString();
        foreach (var candidate in StringTokens.WithMarkers(tree.GetRoot(context.CancellationToken), text, Markers))
        {
            if (candidate is not LiteralExpressionSyntax literal || !SecretNames.IsServerOnlyConfiguration(literal.Token.ValueText)
                || context.SemanticModel.GetOperation(literal, context.CancellationToken) is not { } operation)
            {
                continue;
            }

            var parent = operation.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            if (parent is not IArgumentOperation argument)
            {
                continue;
            }

            var key = literal.Token.ValueText;
            switch (argument.Parent)
            {
                case IInvocationOperation invocation when invocation.TargetMethod.Name == "GetEnvironmentVariable" && IsSystemEnvironment(invocation.TargetMethod.ContainingType):
                    context.ReportDiagnostic(Diagnostic.Create(Descriptor, invocation.Syntax.GetLocation(), key, "the environment"));
                    break;
                case IInvocationOperation invocation when configuration is not null
                    && (IsInConfigurationNamespace(invocation.TargetMethod.ContainingType, configuration) || IsConfiguration(invocation.TargetMethod.ContainingType, configuration)):
                    context.ReportDiagnostic(Diagnostic.Create(Descriptor, invocation.Syntax.GetLocation(), key, "configuration"));
                    break;
                case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when configuration is not null && IsConfiguration(indexer.Property.ContainingType, configuration):
                    context.ReportDiagnostic(Diagnostic.Create(Descriptor, indexer.Syntax.GetLocation(), key, "configuration"));
                    break;
            }
        }
    }

    private static bool IsSystemEnvironment(INamedTypeSymbol? type) =>
        type is { Name: "Environment" } && type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true };

    /// <summary>ConfigurationBinder.GetValue, ConfigurationExtensions.GetRequiredSection and the like.</summary>
    private static bool IsInConfigurationNamespace(INamedTypeSymbol? type, INamedTypeSymbol configuration) =>
        type is not null && SymbolEqualityComparer.Default.Equals(type.ContainingNamespace, configuration.ContainingNamespace);

    private static bool IsConfiguration(INamedTypeSymbol? type, INamedTypeSymbol configuration)
    {
        if (type is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type, configuration))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented, configuration))
            {
                return true;
            }
        }

        return false;
    }
}
