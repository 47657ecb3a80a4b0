using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qadam.Migrations.Sqlite.Migrations
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HandledByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    Line = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    CallId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CallerHash = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CallerRelation = table.Column<int>(type: "INTEGER", nullable: true),
                    Caller_Sex = table.Column<int>(type: "INTEGER", nullable: true),
                    Caller_AgeBand = table.Column<int>(type: "INTEGER", nullable: true),
                    Caller_RegionCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    Caller_PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PersonAtRisk_Sex = table.Column<int>(type: "INTEGER", nullable: true),
                    PersonAtRisk_AgeBand = table.Column<int>(type: "INTEGER", nullable: true),
                    PersonAtRisk_RegionCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    PersonAtRisk_PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PersonOfConcern_Sex = table.Column<int>(type: "INTEGER", nullable: true),
                    PersonOfConcern_AgeBand = table.Column<int>(type: "INTEGER", nullable: true),
                    PersonOfConcern_RegionCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    PersonOfConcern_PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Categories = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Urgency = table.Column<int>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: true),
                    Summary = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
