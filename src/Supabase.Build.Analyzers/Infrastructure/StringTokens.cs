using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Supabase.Build.Analyzers.Infrastructure;

/// <summary>
/// Finds the strings of a file cheaply: ordinal searches of the file's text for a rule's markers, then only the string
/// tokens at those positions. Most files contain no marker at all and cost one pass of <c>IndexOf</c> per marker.
/// </summary>
internal static class StringTokens
{
    /// <summary>
    /// The string expressions (literals and interpolated strings) of <paramref name="root"/> whose source text contains
    /// one of <paramref name="markers"/>, each once, in order.
    /// </summary>
    public static List<ExpressionSyntax> WithMarkers(SyntaxNode root, string text, IReadOnlyList<Marker> markers)
    {
        var found = new List<ExpressionSyntax>();
        HashSet<ExpressionSyntax>? seen = null;
        foreach (var marker in markers)
        {
            for (var at = marker.IndexIn(text, 0); at >= 0; at = marker.IndexIn(text, at + marker.Text.Length))
            {
                var token = root.FindToken(at);
                if (!token.Span.Contains(at) || StringExpression(token) is not { } expression)
                {
                    continue;
                }

                seen ??= new HashSet<ExpressionSyntax>();
                if (seen.Add(expression))
                {
                    found.Add(expression);
                }

                // Skip the rest of this token.
                at = System.Math.Max(at, token.Span.End - marker.Text.Length);
            }
        }

        found.Sort((a, b) => a.SpanStart.CompareTo(b.SpanStart));
        return found;
    }

    /// <summary>Every string literal expression of <paramref name="root"/> (for rules that go by names, not markers).</summary>
    public static IEnumerable<LiteralExpressionSyntax> AllLiterals(SyntaxNode root)
    {
        foreach (var token in root.DescendantTokens())
        {
            if (token.Parent is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                yield return literal;
            }
        }
    }

    /// <summary>The literal or interpolated string a token belongs to, or null when it is not part of a string.</summary>
    public static ExpressionSyntax? StringExpression(SyntaxToken token)
    {
        switch (token.Kind())
        {
            case SyntaxKind.StringLiteralToken:
            case SyntaxKind.SingleLineRawStringLiteralToken:
            case SyntaxKind.MultiLineRawStringLiteralToken:
            case SyntaxKind.Utf8StringLiteralToken:
            case SyntaxKind.Utf8SingleLineRawStringLiteralToken:
            case SyntaxKind.Utf8MultiLineRawStringLiteralToken:
                return token.Parent as LiteralExpressionSyntax;
            case SyntaxKind.InterpolatedStringTextToken:
                return token.Parent?.Parent as InterpolatedStringExpressionSyntax;
            default:
                return null;
        }
    }
}
