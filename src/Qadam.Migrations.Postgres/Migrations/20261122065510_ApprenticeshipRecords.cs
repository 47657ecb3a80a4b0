using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qadam.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ApprenticeshipRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Employers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    Sector = table.Column<string>(type: "text", nullable: true),
                    RegionCode = table.Column<string>(type: "text", nullable: true),
                    Locality = table.Column<string>(type: "text", nullable: true),
                    ContactPerson = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Employers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FollowUps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Milestone = table.Column<int>(type: "integer", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Employment = table.Column<int>(type: "integer", nullable: true),
                    SameEmployer = table.Column<bool>(type: "boolean", nullable: true),
                    IncomeBand = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Placements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicantId = table.Column<Guid>(type: "uuid", nullable: false),
                    PositionId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    EndReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Placements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Positions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EmployerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Sector = table.Column<string>(type: "text", nullable: true),
                    RequiredSkills = table.Column<string>(type: "text", nullable: true),
                    Locality = table.Column<string>(type: "text", nullable: true),
                    Slots = table.Column<int>(type: "integer", nullable: false),
                    MonthlySubsidy = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    StartFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    StartTo = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Positions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SchemeApplicants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    AppliedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Cohort = table.Column<string>(type: "text", nullable: true),
                    Education = table.Column<int>(type: "integer", nullable: false),
                    Skills = table.Column<string>(type: "text", nullable: true),
                    PreferredSectors = table.Column<string>(type: "text", nullable: true),
                    MaxTravelKm = table.Column<double>(type: "double precision", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SchemeApplicants", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Employers_OrganisationId",
                table: "Employers",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_ApplicantId_Milestone",
                table: "FollowUps",
                columns: new[] { "ApplicantId", "Milestone" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Placements_ApplicantId",
                table: "Placements",
                column: "ApplicantId");

            migrationBuilder.CreateIndex(
                name: "IX_Positions_EmployerId",
                table: "Positions",
                column: "EmployerId");

            migrationBuilder.CreateIndex(
                name: "IX_SchemeApplicants_OrganisationId",
                table: "SchemeApplicants",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_SchemeApplicants_PersonId",
                table: "SchemeApplicants",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Employers");

            migrationBuilder.DropTable(
                name: "FollowUps");

            migrationBuilder.DropTable(
                name: "Placements");

            migrationBuilder.DropTable(
                name: "Positions");

            migrationBuilder.DropTable(
                name: "SchemeApplicants");
        }
    }
}
