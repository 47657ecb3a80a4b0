using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qadam.Migrations.Postgres.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Cohort = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Places = table.Column<int>(type: "integer", nullable: false),
                    PriorityPlaces = table.Column<int>(type: "integer", nullable: false),
                    Seed = table.Column<long>(type: "bigint", nullable: false),
                    PlanHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    LockedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    LockedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DrawnByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    DrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CohortLotteries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LotteryEntries",
                columns: table => new
                {
                    LotteryId = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Stratum = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Priority = table.Column<bool>(type: "boolean", nullable: false),
                    Drawn = table.Column<bool>(type: "boolean", nullable: true),
                    WaitingRank = table.Column<int>(type: "integer", nullable: true)
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
