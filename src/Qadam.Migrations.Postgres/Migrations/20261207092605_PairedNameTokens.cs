using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qadam.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PairedNameTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Name tokens now include every pair of a person's name words (BlindIndex.NameTokens). They are derived from the
            // decrypted names, which SQL cannot read: emptied here, they are rebuilt at start-up (NameTokenRebuild).
            migrationBuilder.Sql("DELETE FROM \"PersonNameTokens\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The extra pair tokens do no harm to the previous version's search (it joins single words only).
        }
    }
}
