using Supabase.Build.Migrations.Diagnostics;
using Supabase.Build.Migrations.Schema;

namespace Supabase.Build.Migrations.Rules.Advisors;

/// <summary>
/// SB2018: a table the API serves without row level security, selectable by anon or authenticated, with a column whose
/// name says it holds credentials, government ids, payment or health data. SB2001 already flags the missing RLS; this
/// says what leaks, at error, because these columns are what an attacker scrapes first. Names match whole (case and
/// <c>-</c>/<c>_</c> aside), so <c>password_reset_sent_at</c> is not a password. splinter's twin is sensitive_columns_exposed.
/// </summary>
public sealed class SB2018SensitiveColumnsExposed : ISchemaRule
{
    private static readonly HashSet<string> SensitiveNames = new(StringComparer.Ordinal)
    {
        // credentials and keys
        "password", "passwd", "pwd", "password_hash", "hashed_password", "passphrase", "secret", "client_secret", "secret_key",
        "private_key", "api_key", "apikey", "access_key", "token", "access_token", "refresh_token", "auth_token", "session_token",
        "jwt", "otp", "otp_secret", "totp_secret", "mfa_secret", "recovery_code", "recovery_codes", "backup_codes", "verification_code",
        // government identifiers
        "ssn", "social_security_number", "national_id", "tax_id", "passport_number", "drivers_license", "driver_license_number",
        // payment
        "credit_card", "credit_card_number", "card_number", "cvv", "cvc", "iban", "account_number", "bank_account", "routing_number",
        // health
        "medical_record", "medical_record_number", "health_record", "diagnosis",
    };

    public RuleDescriptor Descriptor { get; } = new(
        "SB2018", "sensitive-columns-exposed", DiagnosticSeverity.Error,
        "Protect tables with sensitive columns with row level security, or keep them out of the API");

    public void Check(SchemaRuleContext context)
    {
        foreach (var table in context.ExposedTables.Where(t => t.Kind != TableKind.ForeignTable && !t.RowLevelSecurity && ApiRoles.CanSelect(t.Grants)))
        {
            var columns = table.Columns.Select(c => c.Name).Where(IsSensitive).ToList();
            if (columns.Count > 0)
            {
                context.Report(
                    SchemaObjectRef.Of(table),
                    $"table {table.Name} is served by the API without row level security and has sensitive column(s) {string.Join(", ", columns.Select(SqlIdentifier.Quote))}: anyone with the anon key can read them; add 'alter table {table.Name} enable row level security;' and policies, or move the columns to a table in a schema the API does not serve");
            }
        }
    }

    private static bool IsSensitive(string column) => SensitiveNames.Contains(column.ToLowerInvariant().Replace('-', '_'));
}
