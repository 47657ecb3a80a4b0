using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qadam.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class HotlineContacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Contacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    HandledByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    Line = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    CallId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CallerHash = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CallerRelation = table.Column<int>(type: "integer", nullable: true),
                    Caller_Sex = table.Column<int>(type: "integer", nullable: true),
                    Caller_AgeBand = table.Column<int>(type: "integer", nullable: true),
                    Caller_RegionCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    Caller_PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    PersonAtRisk_Sex = table.Column<int>(type: "integer", nullable: true),
                    PersonAtRisk_AgeBand = table.Column<int>(type: "integer", nullable: true),
                    PersonAtRisk_RegionCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    PersonAtRisk_PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    PersonOfConcern_Sex = table.Column<int>(type: "integer", nullable: true),
                    PersonOfConcern_AgeBand = table.Column<int>(type: "integer", nullable: true),
                    PersonOfConcern_RegionCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    PersonOfConcern_PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    Categories = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Urgency = table.Column<int>(type: "integer", nullable: true),
                    Outcome = table.Column<int>(type: "integer", nullable: true),
                    Summary = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contacts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OrganisationId_CallerHash",
                table: "Contacts",
                columns: new[] { "OrganisationId", "CallerHash" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OrganisationId_CallId",
                table: "Contacts",
                columns: new[] { "OrganisationId", "CallId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OrganisationId_StartedAt",
                table: "Contacts",
                columns: new[] { "OrganisationId", "StartedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Contacts");
        }
    }
}
