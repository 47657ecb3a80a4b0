using System.Net.Http.Json;
using System.Text.Json;

namespace Qadam.IntegrationTests.Infrastructure;

public static class Studies
{
    /// <summary>Locks a study's plan, runs it and waits (up to 20 s) until it has completed or failed; returns the study.</summary>
    public static async Task<JsonElement> LockRunAndWaitAsync(HttpClient client, Guid id)
    {
        await client.PostAsync($"/api/v1/evaluation/studies/{id}/lock", null);
        await client.PostAsync($"/api/v1/evaluation/studies/{id}/run", null);
        JsonElement study = default;
        for (var i = 0; i < 200; i++)
        {
            study = await client.GetFromJsonAsync<JsonElement>($"/api/v1/evaluation/studies/{id}");
            if (study.GetProperty("status").GetString() is "completed" or "failed") break;
            await Task.Delay(100);
        }
        return study;
    }
}
