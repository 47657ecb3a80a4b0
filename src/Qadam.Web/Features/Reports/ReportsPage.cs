using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qadam.Data;
using Qadam.Domain;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Reports;

/// <summary>Shared helpers of the reporting pages: the user, region names, numbers and cells as the user's culture writes them.</summary>
/// <remarks>The user, region names, culture and dates come from <see cref="Scheme.SchemePage"/>, the scheme pages' helpers.</remarks>
public abstract class ReportsPage : Scheme.SchemePage
{
    public string CategoryName(IStringLocalizer l, string dimension, string category) =>
        dimension == "region" && category != IndicatorLibrary.Unknown ? RegionName(category) : ReportExports.Category(l, dimension, category);

    public static string Number(double? v, string measure) =>
        v is not { } x ? "—" : measure == "percentage" ? x.ToString("0.#", CultureInfo.CurrentCulture) + "%" : x.ToString("#,0.##", CultureInfo.CurrentCulture);

    public static string Number(decimal? v, string measure) => Number(v is { } d ? (double)d : null, measure);

    public static string Cell(CellDto c, int threshold) => c.Hidden ? "<" + threshold.ToString(CultureInfo.CurrentCulture) : c.Count?.ToString("#,0", CultureInfo.CurrentCulture) ?? "—";

    /// <summary>A definition parameter's value in the user's language, from the labels the features already have.</summary>
    public static string ParameterLabel(IStringLocalizer l, string kind, string value)
    {
        var pascal = char.ToUpperInvariant(value[0]) + value[1..];
        return kind switch
        {
            "serviceType" => l["Service." + value],
            "category" => Hotline.ContactCategories.Find(value)?.Name(Culture) ?? value,
            "milestone" => l["Scheme.Milestone." + pascal],
            "activityKind" => l["Activity.Kind." + pascal],
            "instrument" => l["Instrument." + value],
            _ => value,
        };
    }

}
