using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qadam.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class JobRunPerFiring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_JobRuns_Job_ScheduledFor",
                table: "JobRuns");

            // Earlier double runs of one firing (the reason for the unique index) keep their first row.
            migrationBuilder.Sql("DELETE FROM \"JobRuns\" WHERE \"Id\" NOT IN (SELECT MIN(\"Id\") FROM \"JobRuns\" GROUP BY \"Job\", \"ScheduledFor\");");

            migrationBuilder.CreateIndex(
                name: "IX_JobRuns_Job_ScheduledFor",
                table: "JobRuns",
                columns: new[] { "Job", "ScheduledFor" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_JobRuns_Job_ScheduledFor",
                table: "JobRuns");

            migrationBuilder.CreateIndex(
                name: "IX_JobRuns_Job_ScheduledFor",
                table: "JobRuns",
                columns: new[] { "Job", "ScheduledFor" });
        }
    }
}
