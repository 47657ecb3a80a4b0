using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Qadam.Auditing;
using Qadam.Data;
using Qadam.Web;
using Qadam.Web.Features.Reports;
using Qadam.Web.Platform.Auditing;
using Qadam.Web.Platform.Pdf;

namespace Qadam.Cli.Commands;

/// <summary>
/// `qadam report iati|csv|xlsx|pdf PROJECT [--period P]`: the same files as the web app's downloads (the published,
/// suppressed form, through the same <see cref="ReportFiles"/>), written to --output or to standard output (text formats
/// only), and audited as an export.
/// </summary>
public static class ReportCommand
{
    public static Command Build(Func<Microsoft.Extensions.Hosting.IHost> host, TextWriter output, TextWriter error)
    {
        var report = new Command("report", "Project reports as files: the IATI 2.03 activity file, CSV, XLSX or PDF (suppressed, as published).");
        foreach (var format in ReportFiles.Formats)
        {
            var project = new Argument<string>("project") { Description = "The project's IATI identifier (or its id)." };
            var period = new Option<string?>("--period") { Description = "A period's label (e.g. \"2026 Q1\") or id: the report through it (a closed period exactly as frozen). Default: to date." };
            var file = new Option<FileInfo?>("--output", "-o") { Description = "Write to this file (required for xlsx and pdf; text formats default to standard output)." };
            var command = new Command(format, format switch
            {
                "iati" => "The project's IATI 2.03 activity file (results, indicators, baselines, periods, targets, actuals, dimensions).",
                "csv" => "CSV (UTF-8 with BOM) of the indicators or, with --table disaggregation, of the disaggregations.",
                "xlsx" => "XLSX with a sheet per table.",
                _ => "PDF report in --lang (kk, ru or en).",
            }) { project, period, file };
            var table = new Option<string>("--table") { Description = "indicators | disaggregation", DefaultValueFactory = _ => "indicators" };
            var hxl = new Option<bool>("--hxl") { Description = "Add the HXL hashtag row under the header." };
            var lang = new Option<string>("--lang") { Description = "kk | ru | en", DefaultValueFactory = _ => "en" };
            if (format == "csv") { command.Options.Add(table); command.Options.Add(hxl); }
            if (format == "pdf") command.Options.Add(lang);
            command.SetAction(async (parse, ct) =>
            {
                var target = parse.GetValue(file);
                if (format is "xlsx" or "pdf" && target is null) { await error.WriteLineAsync($"qadam report {format}: --output FILE is required for a binary file."); return 2; }
                using var h = host();
                await using var scope = h.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<QadamDbContext>();
                var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
                var key = parse.GetValue(project)!;
                var id = Guid.TryParse(key, out var g) ? g : await db.Projects.Where(p => p.IatiIdentifier == key).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct) ?? Guid.Empty;
                var builder = new ReportBuilder(db, clock);
                if (await builder.LoadAsync(id, ct) is not { } loaded) { await error.WriteLineAsync($"qadam report: no project '{key}'."); return 1; }
                Domain.ReportPeriod? through = null;
                if (parse.GetValue(period) is { } p)
                {
                    through = loaded.Periods.FirstOrDefault(x => x.Label == p || x.Id.ToString() == p);
                    if (through is null) { await error.WriteLineAsync($"qadam report: --period '{p}' is not a period of the project ({string.Join(", ", loaded.Periods.OrderBy(x => x.StartsOn).Select(x => x.Label))})."); return 1; }
                }
                var culture = parse.GetValue(lang) is "kk" or "ru" ? parse.GetValue(lang)! : "en";
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
                var built = await builder.BuildAsync(loaded, through, suppressed: true, editable: false, ct);
                var made = await ReportFiles.MakeAsync(db, built, loaded, format, parse.GetValue(table), parse.GetValue(hxl),
                    format == "pdf" ? scope.ServiceProvider.GetRequiredService<ReportFont>().Font : null,
                    scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>(), culture, clock.GetUtcNow(), ct);
                await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(Actor.System with { UserName = "qadam-cli" }, AuditAction.Report_Exported, "Project", id.ToString(),
                    new { format, period = through?.Id, source = "cli" }, ct);
                if (target is not null) { await File.WriteAllBytesAsync(target.FullName, made.Content, ct); await error.WriteLineAsync($"{target.FullName}: {made.Content.Length} bytes"); }
                else
                {
                    await output.WriteAsync(new System.Text.UTF8Encoding(false).GetString(made.Content));
                    await output.FlushAsync(ct);
                }
                return 0;
            });
            report.Subcommands.Add(command);
        }
        return report;
    }
}
