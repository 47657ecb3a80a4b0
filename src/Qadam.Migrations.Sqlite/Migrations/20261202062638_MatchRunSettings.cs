using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qadam.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MatchRunSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SettingsJson",
                table: "MatchRuns",
                type: "TEXT",
                nullable: true);

            // Runs stored before: their settings copied out of the snapshot once.
            migrationBuilder.Sql("""UPDATE "MatchRuns" SET "SettingsJson" = json_extract("InputJson", '$.settings') WHERE "SettingsJson" IS NULL;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SettingsJson",
                table: "MatchRuns");
        }
    }
}
