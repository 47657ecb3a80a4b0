using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qadam.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PersonKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PersonNameTokens_Hash",
                table: "PersonNameTokens");

            migrationBuilder.CreateTable(
                name: "PersonKeys",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<short>(type: "INTEGER", nullable: false),
                    Principal = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonKeys", x => new { x.PersonId, x.Kind, x.Principal });
                    table.ForeignKey(
                        name: "FK_PersonKeys_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PersonNameTokens_Hash_PersonId",
                table: "PersonNameTokens",
                columns: new[] { "Hash", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_People_UpdatedAt_Id",
                table: "People",
                columns: new[] { "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonKeys_Principal_Kind_PersonId",
                table: "PersonKeys",
                columns: new[] { "Principal", "Kind", "PersonId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PersonKeys");

            migrationBuilder.DropIndex(
                name: "IX_PersonNameTokens_Hash_PersonId",
                table: "PersonNameTokens");

            migrationBuilder.DropIndex(
                name: "IX_People_UpdatedAt_Id",
                table: "People");

            migrationBuilder.CreateIndex(
                name: "IX_PersonNameTokens_Hash",
                table: "PersonNameTokens",
                column: "Hash");
        }
    }
}
