using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Supabase.Build.Analyzers.Detection;
using Supabase.Build.Analyzers.Infrastructure;

namespace Supabase.Build.Analyzers.Rules;

/// <summary>
/// SB3005 jwt-secret: a string literal used as a JWT signing secret, recognised by where it goes: a variable, field,
/// property, parameter, dictionary or configuration key named like a JWT secret (<c>jwtSecret</c>, <c>JWT_SECRET</c>,
/// <c>Jwt:Key</c>, <c>JwtSigningKey</c>), or the bytes of a <c>SymmetricSecurityKey</c>. With the project's JWT secret
/// anyone can sign a token for any role, service_role included.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SB3005JwtSecretAnalyzer : DiagnosticAnalyzer
{
    public const string Id = "SB3005";

    /// <summary>Real signing secrets are long (Supabase requires 32 characters); shorter literals are labels and test values.</summary>
    internal const int MinimumLength = 16;

    private static readonly Marker JwtMarker = new("jwt", System.StringComparison.OrdinalIgnoreCase);

    internal static readonly DiagnosticDescriptor Descriptor = new(
        Id,
        title: "JWT signing secret in source",
        messageFormat: "'{0}' is given a literal JWT signing secret, with which anyone can sign tokens for any role; {1}",
        RuleInfo.Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The JWT secret signs and verifies every access token of a Supabase project (and of any service that shares it). Whoever has it can mint a service_role token. It belongs in configuration on a server.",
        helpLinkUri: RuleInfo.HelpLink(Id));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var kind = ProjectKindDetector.Detect(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions);
            start.RegisterSemanticModelAction(model => AnalyzeTree(model, kind));
        });
    }

    /// <summary>
    /// One callback per file. Only files that mention a JWT (every name this rule matches contains "jwt") or a
    /// SymmetricSecurityKey are read further, and in them only long one-word literals are given to the semantic model.
    /// </summary>
    private static void AnalyzeTree(SemanticModelAnalysisContext context, ProjectKind kind)
    {
        var tree = context.SemanticModel.SyntaxTree;
        var text = tree.GetText(context.CancellationToken).ToString();
        if (JwtMarker.IndexIn(text, 0) < 0 && text.IndexOf("SymmetricSecurityKey", System.StringComparison.Ordinal) < 0)
        {
            return;
        }

        foreach (var literal in StringTokens.AllLiterals(tree.GetRoot(context.CancellationToken)))
        {
            if (!LooksLikeASecret(literal.Token.ValueText)
                || context.SemanticModel.GetOperation(literal, context.CancellationToken) is not ILiteralOperation operation
                || context.SemanticModel.GetEnclosingSymbol(literal.SpanStart, context.CancellationToken) is not { } containing
                || DestinationName(operation, containing) is not { } name)
            {
                continue;
            }

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties[DiagnosticProperties.ProjectKind] = kind.ToString();
            properties[DiagnosticProperties.EnvironmentVariable] = "SUPABASE_JWT_SECRET";
            properties[DiagnosticProperties.ConfigurationKey] = "Supabase:JwtSecret";
            properties[DiagnosticProperties.WholeValue] = "true";
            var location = literal.GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptor,
                location,
                Severities.ForSecret(kind),
                [location],
                properties.ToImmutable(),
                name,
                Advice.ForSourceSecret(kind, "SUPABASE_JWT_SECRET")));
        }
    }

    /// <summary>Long enough, one word, not a placeholder, not itself a name, a URL or a JWT.</summary>
    private static bool LooksLikeASecret(string value)
    {
        if (value.Length < MinimumLength || value.Length > 4096)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return value.IndexOf("://", System.StringComparison.Ordinal) < 0
            && !value.StartsWith("eyJ", System.StringComparison.Ordinal)
            && !Placeholders.IsPlaceholder(value)
            && !SecretNames.LooksLikeAName(value);
    }

    /// <summary>The JWT-secret-like name the literal is given, or null when it goes anywhere else.</summary>
    private static string? DestinationName(IOperation literal, ISymbol containingSymbol)
    {
        var current = literal;
        var parent = literal.Parent;
        while (true)
        {
            while (parent is IConversionOperation)
            {
                current = parent;
                parent = parent.Parent;
            }

            // Encoding.UTF8.GetBytes("...") / Convert.FromBase64String("..."): key material, follow the bytes.
            if (parent is IArgumentOperation { Parent: IInvocationOperation conversion } && IsKeyMaterialConversion(conversion.TargetMethod))
            {
                current = conversion;
                parent = conversion.Parent;
                continue;
            }

            break;
        }

        switch (parent)
        {
            case IArgumentOperation argument:
                return ArgumentName(argument);
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return Named(declarator.Symbol.Name);
            case IFieldInitializerOperation field:
                foreach (var initialized in field.InitializedFields)
                {
                    if (Named(initialized.Name) is { } fieldName)
                    {
                        return fieldName;
                    }
                }

                return null;
            case IPropertyInitializerOperation property:
                foreach (var initialized in property.InitializedProperties)
                {
                    if (Named(initialized.Name) is { } propertyName)
                    {
                        return propertyName;
                    }
                }

                return null;
            case ISimpleAssignmentOperation assignment when assignment.Value == current:
                return TargetName(assignment.Target);
            case IReturnOperation:
                // A method body, or a property getter (expression-bodied or not).
                return containingSymbol switch
                {
                    IMethodSymbol { AssociatedSymbol: IPropertySymbol property } => Named(property.Name),
                    IPropertySymbol property => Named(property.Name),
                    IMethodSymbol method => Named(method.Name),
                    _ => null,
                };
            default:
                return null;
        }
    }

    private static string? ArgumentName(IArgumentOperation argument)
    {
        if (argument.Parent is IObjectCreationOperation keyCreation && IsSymmetricSecurityKey(keyCreation.Type))
        {
            return "SymmetricSecurityKey";
        }

        if (argument.Parameter is not { } parameter)
        {
            return null;
        }

        if (Named(parameter.Name) is { } parameterName)
        {
            return parameterName;
        }

        // A key/value pair: Add("JWT_SECRET", "..."), SetEnvironmentVariable("JWT_SECRET", "..."), new KeyValuePair(...).
        if (parameter.Name == "value" && argument.Parent is IInvocationOperation or IObjectCreationOperation)
        {
            var arguments = argument.Parent is IInvocationOperation invocation ? invocation.Arguments : ((IObjectCreationOperation)argument.Parent).Arguments;
            foreach (var other in arguments)
            {
                if (other != argument && other.Parameter?.Name is "key" or "name" or "variable"
                    && other.Value.ConstantValue is { HasValue: true, Value: string key })
                {
                    return Named(key);
                }
            }
        }

        return null;
    }

    private static string? TargetName(IOperation target) => target switch
    {
        IPropertyReferenceOperation { Property.IsIndexer: true } indexer =>
            indexer.Arguments.Length == 1 && indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key } ? Named(key) : null,
        IMemberReferenceOperation member => Named(member.Member.Name),
        ILocalReferenceOperation local => Named(local.Local.Name),
        IParameterReferenceOperation parameter => Named(parameter.Parameter.Name),
        _ => null,
    };

    private static string? Named(string name) => SecretNames.IsJwtSecret(name) ? name : null;

    private static bool IsKeyMaterialConversion(IMethodSymbol method) =>
        (method.Name == "GetBytes" && method.ContainingType is { Name: "Encoding" or "UTF8Encoding" or "ASCIIEncoding" or "UnicodeEncoding" } type
            && type.ContainingNamespace?.ToDisplayString() == "System.Text")
        || (method.Name == "FromBase64String" && method.ContainingType is { Name: "Convert" } convert && convert.ContainingNamespace?.ToDisplayString() == "System");

    private static bool IsSymmetricSecurityKey(ITypeSymbol? type) =>
        type is { Name: "SymmetricSecurityKey" } && type.ContainingNamespace?.ToDisplayString() == "Microsoft.IdentityModel.Tokens";
}
