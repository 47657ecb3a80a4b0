using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qadam.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Lottery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CohortLotteries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Cohort = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Places = table.Column<int>(type: "INTEGER", nullable: false),
                    PriorityPlaces = table.Column<int>(type: "INTEGER", nullable: false),
                    Seed = table.Column<long>(type: "INTEGER", nullable: false),
                    PlanHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    LockedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LockedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DrawnByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DrawnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CohortLotteries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LotteryEntries",
                columns: table => new
                {
                    LotteryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Stratum = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Priority = table.Column<bool>(type: "INTEGER", nullable: false),
                    Drawn = table.Column<bool>(type: "INTEGER", nullable: true),
                    WaitingRank = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LotteryEntries", x => new { x.LotteryId, x.ApplicantId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_CohortLotteries_OrganisationId_RegionCode_Cohort",
                table: "CohortLotteries",
                columns: new[] { "OrganisationId", "RegionCode", "Cohort" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LotteryEntries_ApplicantId",
                table: "LotteryEntries",
                column: "ApplicantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CohortLotteries");

            migrationBuilder.DropTable(
                name: "LotteryEntries");
        }
    }
}
