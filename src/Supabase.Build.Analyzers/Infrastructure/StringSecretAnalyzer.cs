using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Supabase.Build.Analyzers.Detection;

namespace Supabase.Build.Analyzers.Infrastructure;

/// <summary>
/// Shared machinery of the rules that look for a secret in the value of a C# string: every literal (regular, verbatim,
/// raw, UTF-8), interpolated string and <c>+</c> concatenation, wherever it stands (initializers, constants, arguments,
/// attribute arguments, default values, switch labels), generated code included (Razor components compile to it).
/// <para>
/// A string built from constants is analysed once, as its whole value (<c>"eyJhbGciOi..." + "..."</c> is one JWT);
/// parts of a string that is not constant (an interpolation with a variable) are analysed one by one.
/// </para>
/// <para>
/// Cost: one callback per file. The file's text is searched (ordinal <c>IndexOf</c>) for the rule's markers, strings
/// every finding contains (<c>eyJ</c>, <c>sb_secret_</c>, ...); only the string tokens at those positions are looked at,
/// and the semantic model is asked only for the constant value of a concatenation or interpolation around them. A
/// marker written with escape sequences (<c>"\u0065yJ..."</c>) is not seen.
/// </para>
/// </summary>
public abstract class StringSecretAnalyzer : DiagnosticAnalyzer
{
    private protected abstract DiagnosticDescriptor Rule { get; }

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <summary>Strings every finding of this rule contains, in its source text.</summary>
    private protected abstract IReadOnlyList<Marker> Markers { get; }

    /// <summary>Whether <paramref name="value"/> could hold what this rule looks for (ordinal searches only).</summary>
    private protected abstract bool MayContain(string value);

    /// <summary>Adds every finding of this rule in <paramref name="value"/>.</summary>
    private protected abstract void Find(string value, List<SecretFinding> findings);

    /// <summary>The reported severity, before the user's configuration applies.</summary>
    private protected virtual DiagnosticSeverity Severity(ProjectKind kind) => Severities.ForSecret(kind);

    /// <summary>The message arguments of a finding.</summary>
    private protected abstract object[] MessageArguments(SecretFinding finding, ProjectKind kind);

    /// <summary>Where the code fix moves the secret: an environment variable and a configuration key (null: no fix).</summary>
    private protected abstract (string EnvironmentVariable, string ConfigurationKey)? FixTarget(SecretFinding finding, string value);

    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var kind = ProjectKindDetector.Detect(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions);
            start.RegisterSemanticModelAction(model => AnalyzeTree(model, kind));
        });
    }

    private void AnalyzeTree(SemanticModelAnalysisContext context, ProjectKind kind)
    {
        var tree = context.SemanticModel.SyntaxTree;
        var text = tree.GetText(context.CancellationToken).ToString();
        var candidates = StringTokens.WithMarkers(tree.GetRoot(context.CancellationToken), text, Markers);
        if (candidates.Count == 0)
        {
            return;
        }

        var analysed = new HashSet<SyntaxNode>();
        foreach (var candidate in candidates)
        {
            // The whole constant string it is part of, once; or, when that is not constant, the string itself.
            var top = ConstantComposition(context, candidate);
            if (top is not null)
            {
                if (analysed.Add(top.Value.Expression))
                {
                    Report(context, kind, top.Value.Expression, top.Value.Value, Leaves(top.Value.Expression));
                }

                continue;
            }

            if (!analysed.Add(candidate))
            {
                continue;
            }

            switch (candidate)
            {
                case LiteralExpressionSyntax literal when MayContain(literal.Token.ValueText):
                    Report(context, kind, literal, literal.Token.ValueText, [literal.Token]);
                    break;
                case InterpolatedStringExpressionSyntax interpolated:
                    // Not constant: each piece of text between the holes on its own.
                    foreach (var content in interpolated.Contents)
                    {
                        if (content is InterpolatedStringTextSyntax part && MayContain(part.TextToken.ValueText))
                        {
                            Report(context, kind, interpolated, part.TextToken.ValueText, [part.TextToken], partOfValue: true);
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// The outermost constant string <paramref name="node"/> belongs to (itself, for a constant interpolated string):
    /// a '+' chain or an interpolated string with constant holes; null when there is none.
    /// </summary>
    private static (ExpressionSyntax Expression, string Value)? ConstantComposition(SemanticModelAnalysisContext context, ExpressionSyntax node)
    {
        ExpressionSyntax? top = node is InterpolatedStringExpressionSyntax ? node : null;
        for (var parent = node.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is ParenthesizedExpressionSyntax or InterpolationSyntax)
            {
                continue;
            }

            if ((parent is BinaryExpressionSyntax binary && binary.IsKind(SyntaxKind.AddExpression)) || parent is InterpolatedStringExpressionSyntax)
            {
                top = (ExpressionSyntax)parent;
                continue;
            }

            break;
        }

        return top is not null && context.SemanticModel.GetConstantValue(top, context.CancellationToken) is { HasValue: true, Value: string value }
            ? (top, value)
            : null;
    }

    /// <summary>The literal and interpolated-text tokens of a constant composition, to place a finding precisely.</summary>
    private static List<SyntaxToken> Leaves(ExpressionSyntax expression)
    {
        var leaves = new List<SyntaxToken>();
        foreach (var token in expression.DescendantTokens())
        {
            if (StringTokens.StringExpression(token) is not null)
            {
                leaves.Add(token);
            }
        }

        return leaves;
    }

    private void Report(
        SemanticModelAnalysisContext context,
        ProjectKind kind,
        ExpressionSyntax expression,
        string value,
        IReadOnlyList<SyntaxToken> tokens,
        bool partOfValue = false)
    {
        var findings = new List<SecretFinding>();
        Find(value, findings);
        foreach (var finding in findings)
        {
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties[DiagnosticProperties.ProjectKind] = kind.ToString();
            var target = FixTarget(finding, value);
            if (target is { } fix)
            {
                properties[DiagnosticProperties.EnvironmentVariable] = fix.EnvironmentVariable;
                properties[DiagnosticProperties.ConfigurationKey] = fix.ConfigurationKey;
            }

            properties[DiagnosticProperties.WholeValue] = !partOfValue && finding.IsWhole(value) ? "true" : "false";

            context.ReportDiagnostic(Diagnostic.Create(
                Rule,
                PreciseLocation(expression, value, finding, tokens),
                Severity(kind),
                [expression.GetLocation()],
                properties.ToImmutable(),
                MessageArguments(finding, kind)));
        }
    }

    /// <summary>The secret's own characters when one source token spells them out unescaped; otherwise the whole expression.</summary>
    private static Location PreciseLocation(ExpressionSyntax expression, string value, SecretFinding finding, IReadOnlyList<SyntaxToken> tokens)
    {
        var secret = value.Substring(finding.Start, finding.Length);
        foreach (var token in tokens)
        {
            // A literal's source text is never shorter than its value before the secret (quotes, escapes and a raw
            // string's indentation only add characters), so a secret that occurs twice is placed at the right one.
            var from = expression is LiteralExpressionSyntax ? System.Math.Min(finding.Start, token.Text.Length) : 0;
            var at = token.Text.IndexOf(secret, from, System.StringComparison.Ordinal);
            if (at >= 0)
            {
                return Location.Create(expression.SyntaxTree, new TextSpan(token.SpanStart + at, secret.Length));
            }
        }

        return expression.GetLocation();
    }
}
