using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qadam.Domain;
using Qadam.Privacy;

namespace Qadam.IntegrationTests.Infrastructure;

public static class TestData
{
    private static int serial = Random.Shared.Next(0, 5000);

    /// <summary>A unique valid IIN for a birth date and sex.</summary>
    public static string Iin(DateOnly dob, Sex sex)
    {
        while (true)
            if (Privacy.Iin.Make(dob, sex, Interlocked.Increment(ref serial) % 10000) is { } iin) return iin;
    }

    public static string Phone() => "+7701" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A distinctive surname per test, so searches and dumps find exactly what the test wrote.</summary>
    /// <remarks>Letters only, from those transliteration leaves alone: name matching ignores digits.</remarks>
    public static string Surname(string stem = "Тестова") =>
        stem + "-" + new string(Enumerable.Range(0, 10).Select(_ => "bdfgklmnprstvz"[Random.Shared.Next(14)]).ToArray());

    public static object Person(string given = "Меруерт", string? family = null, string sex = "female", string dob = "2001-03-04",
        string? iin = null, string? phone = null, string regionCode = "KZ-75") => new
        {
            givenName = given, familyName = family ?? Surname(), sex, dateOfBirth = dob, iin, phone, regionCode, locality = "Алматы",
            notes = "Mother called about her daughter's fiancé.",
        };

    public static async Task<JsonElement> CreatePersonAsync(HttpClient client, object body, bool allowDuplicates = true)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/people{(allowDuplicates ? "?allowDuplicates=true" : "")}", body);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"create answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Guid Id(this JsonElement e) => e.GetProperty("id").GetGuid();
}
