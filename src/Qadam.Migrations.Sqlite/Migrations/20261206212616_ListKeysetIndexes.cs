using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qadam.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ListKeysetIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_SchemeApplicants_OrganisationId_AppliedOn_Id",
                table: "SchemeApplicants",
                columns: new[] { "OrganisationId", "AppliedOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Placements_StartsOn_Id",
                table: "Placements",
                columns: new[] { "StartsOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_MatchRuns_OrganisationId_CreatedAt_Id",
                table: "MatchRuns",
                columns: new[] { "OrganisationId", "CreatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SchemeApplicants_OrganisationId_AppliedOn_Id",
                table: "SchemeApplicants");

            migrationBuilder.DropIndex(
                name: "IX_Placements_StartsOn_Id",
                table: "Placements");

            migrationBuilder.DropIndex(
                name: "IX_MatchRuns_OrganisationId_CreatedAt_Id",
                table: "MatchRuns");
        }
    }
}
