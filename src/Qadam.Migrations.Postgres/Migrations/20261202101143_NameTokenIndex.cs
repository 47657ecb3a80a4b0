using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qadam.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class NameTokenIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PersonNameTokens_Hash",
                table: "PersonNameTokens");

            migrationBuilder.CreateIndex(
                name: "IX_PersonNameTokens_Hash_PersonId",
                table: "PersonNameTokens",
                columns: new[] { "Hash", "PersonId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PersonNameTokens_Hash_PersonId",
                table: "PersonNameTokens");

            migrationBuilder.CreateIndex(
                name: "IX_PersonNameTokens_Hash",
                table: "PersonNameTokens",
                column: "Hash");
        }
    }
}
