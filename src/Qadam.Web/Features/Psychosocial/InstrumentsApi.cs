using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Qadam.Statistics;
using Qadam.Web.Platform.Security;

namespace Qadam.Web.Features.Psychosocial;

public sealed record InstrumentDto(string Code, int Items, int MinAnswer, int MaxAnswer, bool LowerIsBetter, double? FixedChange);

public sealed record ScoreInput(IReadOnlyList<int?>? Answers);

/// <summary>
/// The standard instruments (issue #10): listed, and scored without storing anything — for a tablet or a partner
/// system. A refusal names the item that is out of range.
/// </summary>
public static class InstrumentsApi
{
    public static RouteGroupBuilder MapInstrumentsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/instruments").WithTags("Psychosocial");
        g.MapGet("/", () => TypedResults.Ok(Instrument.All.Select(i => new InstrumentDto(i.Code, i.Items, i.MinAnswer, i.MaxAnswer, i.LowerIsBetter, i.FixedChange)).ToList()))
            .RequireAuthorization(Permissions.Policy(Permission.ReferenceRead));
        g.MapPost("/{code}/score", ScoreAsync).RequireAuthorization(Permissions.Policy(Permission.InstrumentsScore));
        return api;
    }

    private static async Task<Results<Ok<InstrumentScore>, NotFound, ValidationProblem>> ScoreAsync(string code, ScoreInput input, CurrentUser user, Access access,
        IStringLocalizer<SharedResource> l)
    {
        await access.DemandAsync(user, Permission.InstrumentsScore);
        if (Instrument.Find(code) is not { } instrument) return TypedResults.NotFound();
        ValidationProblem Refuse(string text) => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["answers"] = [text] });
        if (input.Answers is not { } answers) return Refuse(l["Validation.InstrumentAnswers", instrument.Items, 0]);
        try
        {
            return TypedResults.Ok(instrument.Score(answers));
        }
        catch (StatisticsException e) when (e.Code == "answer_range")
        {
            return Refuse(l["Validation.InstrumentAnswerRange", e.Args]);
        }
        catch (StatisticsException e) when (e.Code == "answers")
        {
            return Refuse(l["Validation.InstrumentAnswers", e.Args]);
        }
    }
}
