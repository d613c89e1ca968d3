using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Supabase.Build.Analyzers.Infrastructure;
using Supabase.Build.Analyzers.Rules;

namespace Supabase.Build.Analyzers.CodeFixes;

/// <summary>
/// Moves a secret out of the source, in server and test projects (in a client project there is nowhere safe to read it
/// from, so the diagnostic's message explains the server-side pattern instead):
/// <list type="bullet">
/// <item>"Read SUPABASE_SERVICE_ROLE_KEY from the environment": the string becomes
/// <c>Environment.GetEnvironmentVariable("SUPABASE_SERVICE_ROLE_KEY") ?? throw new InvalidOperationException(...)</c>;</item>
/// <item>"Read 'Supabase:ServiceRoleKey' from configuration", when an <c>IConfiguration</c> is in scope (a parameter,
/// local, field or property): <c>configuration["Supabase:ServiceRoleKey"] ?? throw ...</c>.</item>
/// </list>
/// A <c>const</c> holding the secret becomes <c>static readonly</c> (a field) or a plain local. Not offered where C#
/// requires a constant (attribute arguments, parameter defaults, case labels) or when the secret is only part of a
/// longer string.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveSecretOutOfSourceCodeFixProvider))]
[Shared]
public sealed class MoveSecretOutOfSourceCodeFixProvider : CodeFixProvider
{
    private const string ConfigurationInterface = "Microsoft.Extensions.Configuration.IConfiguration";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        SB3001ServiceRoleKeyAnalyzer.Id,
        SB3002SecretApiKeyAnalyzer.Id,
        SB3003PersonalAccessTokenAnalyzer.Id,
        SB3004ConnectionStringPasswordAnalyzer.Id,
        SB3005JwtSecretAnalyzer.Id,
        SB3008WellKnownSecretAnalyzer.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var properties = diagnostic.Properties;
            if (!properties.TryGetValue(DiagnosticProperties.ProjectKind, out var kind) || kind == nameof(ProjectKind.Client)
                || !properties.TryGetValue(DiagnosticProperties.WholeValue, out var whole) || whole != "true"
                || !properties.TryGetValue(DiagnosticProperties.EnvironmentVariable, out var variable) || variable is null
                || !properties.TryGetValue(DiagnosticProperties.ConfigurationKey, out var key) || key is null
                || diagnostic.AdditionalLocations.Count == 0)
            {
                continue;
            }

            if (root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax expression
                || !CanBecomeNonConstant(expression))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Read {variable} from the environment",
                    token => ReplaceAsync(context.Document, expression, EnvironmentRead(variable), token),
                    equivalenceKey: "SupabaseSecretFromEnvironment"),
                diagnostic);

            var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (semanticModel is not null && ConfigurationInScope(semanticModel, expression, context.CancellationToken) is { } configuration)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Read '{key}' from {configuration}",
                        token => ReplaceAsync(context.Document, expression, ConfigurationRead(configuration, key), token),
                        equivalenceKey: "SupabaseSecretFromConfiguration"),
                    diagnostic);
            }
        }
    }

    /// <summary>Where C# accepts a non-constant value, possibly after dropping a <c>const</c>.</summary>
    private static bool CanBecomeNonConstant(ExpressionSyntax expression)
    {
        if (expression.IsKind(SyntaxKind.Utf8StringLiteralExpression))
        {
            return false;
        }

        foreach (var ancestor in expression.Ancestors())
        {
            switch (ancestor)
            {
                case AttributeArgumentSyntax:
                case CaseSwitchLabelSyntax:
                case ConstantPatternSyntax:
                case ParameterSyntax:
                case EnumMemberDeclarationSyntax:
                    return false;
                case StatementSyntax:
                case MemberDeclarationSyntax:
                    return true;
            }
        }

        return true;
    }

    private static ExpressionSyntax EnvironmentRead(string variable) => Annotate(SyntaxFactory.ParseExpression(
        $"global::System.Environment.GetEnvironmentVariable({Literal(variable)}) ?? throw new global::System.InvalidOperationException({Literal($"Set the {variable} environment variable.")})"));

    private static ExpressionSyntax ConfigurationRead(string configuration, string key) => Annotate(SyntaxFactory.ParseExpression(
        $"{configuration}[{Literal(key)}] ?? throw new global::System.InvalidOperationException({Literal($"Set {key} in configuration (user secrets, environment variables or a vault).")})"));

    private static string Literal(string text) => SyntaxFactory.Literal(text).ToString();

    /// <summary>Fully qualified names, shortened by the simplifier where a using directive (or implicit using) allows.</summary>
    private static ExpressionSyntax Annotate(ExpressionSyntax expression) =>
        expression.ReplaceNodes(
                expression.DescendantNodes().Where(n => n is MemberAccessExpressionSyntax { Expression: AliasQualifiedNameSyntax } or QualifiedNameSyntax { Left: AliasQualifiedNameSyntax }),
                (_, rewritten) => rewritten.WithAdditionalAnnotations(Simplifier.Annotation))
            .WithAdditionalAnnotations(Formatter.Annotation);

    private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax expression, ExpressionSyntax replacement, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var editor = new Microsoft.CodeAnalysis.Editing.SyntaxEditor(root, document.Project.Solution.Workspace.Services);
        editor.ReplaceNode(expression, replacement.WithTriviaFrom(expression));

        // A constant cannot hold a value read at run time.
        switch (expression.FirstAncestorOrSelf<MemberDeclarationSyntax>(), expression.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>())
        {
            case (_, { } local) when local.IsConst:
                editor.ReplaceNode(local, (current, _) =>
                {
                    var statement = (LocalDeclarationStatementSyntax)current;
                    var constKeyword = statement.Modifiers.First(m => m.IsKind(SyntaxKind.ConstKeyword));
                    return statement.WithModifiers(statement.Modifiers.Remove(constKeyword)).WithLeadingTrivia(statement.GetLeadingTrivia());
                });
                break;
            case (FieldDeclarationSyntax field, _) when field.Modifiers.Any(SyntaxKind.ConstKeyword):
                editor.ReplaceNode(field, (current, _) =>
                {
                    var declaration = (FieldDeclarationSyntax)current;
                    var constKeyword = declaration.Modifiers.First(m => m.IsKind(SyntaxKind.ConstKeyword));
                    var modifiers = declaration.Modifiers.Replace(
                        constKeyword,
                        SyntaxFactory.Token(SyntaxKind.StaticKeyword).WithTriviaFrom(constKeyword));
                    var staticIndex = modifiers.IndexOf(SyntaxKind.StaticKeyword);
                    modifiers = modifiers.Insert(staticIndex + 1, SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword).WithTrailingTrivia(SyntaxFactory.Space));
                    modifiers = modifiers.Replace(modifiers[staticIndex], modifiers[staticIndex].WithTrailingTrivia(SyntaxFactory.Space));
                    return declaration.WithModifiers(modifiers);
                });
                break;
        }

        return document.WithSyntaxRoot(editor.GetChangedRoot());
    }

    /// <summary>The name of an <c>IConfiguration</c> (or implementation) the expression can use, or null.</summary>
    private static string? ConfigurationInScope(SemanticModel semanticModel, ExpressionSyntax expression, CancellationToken cancellationToken)
    {
        var configuration = semanticModel.Compilation.GetTypeByMetadataName(ConfigurationInterface);
        if (configuration is null)
        {
            return null;
        }

        var position = expression.SpanStart;
        var enclosing = semanticModel.GetEnclosingSymbol(position, cancellationToken);
        var staticContext = enclosing is null || enclosing.IsStatic || expression.FirstAncestorOrSelf<FieldDeclarationSyntax>() is not null
            || expression.FirstAncestorOrSelf<PropertyDeclarationSyntax>() is { Initializer: not null };

        ISymbol? best = null;
        foreach (var symbol in semanticModel.LookupSymbols(position))
        {
            var (type, rank) = symbol switch
            {
                IParameterSymbol parameter => (parameter.Type, 0),
                ILocalSymbol local when DeclaredBefore(local, position) => (local.Type, 1),
                IFieldSymbol field when !staticContext || field.IsStatic => (field.Type, 2),
                IPropertySymbol property when !property.IsIndexer && (!staticContext || property.IsStatic) => (property.Type, 3),
                _ => (null, 9),
            };

            if (type is null || !Implements(type, configuration))
            {
                continue;
            }

            if (best is null || rank < Rank(best))
            {
                best = symbol;
            }
        }

        return best?.Name;

        static int Rank(ISymbol symbol) => symbol switch
        {
            IParameterSymbol => 0,
            ILocalSymbol => 1,
            IFieldSymbol => 2,
            _ => 3,
        };
    }

    private static bool DeclaredBefore(ILocalSymbol local, int position) =>
        local.DeclaringSyntaxReferences.Length > 0 && local.DeclaringSyntaxReferences[0].Span.End <= position;

    private static bool Implements(ITypeSymbol type, INamedTypeSymbol configuration) =>
        SymbolEqualityComparer.Default.Equals(type, configuration)
        || type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, configuration));
}
