-- Template: gives the function app's managed identity access to one database.
--
-- Who runs it: a Microsoft Entra user who is the SQL server's Entra admin (or
-- a member of its admin group), connected to the database itself, not master,
-- with Entra authentication. A SQL login cannot run CREATE USER ... FROM
-- EXTERNAL PROVIDER.
--
-- Where: once in the License Portal database (the PORTAL section) and once in
-- every customer database (the CUSTOMER section). Run only the section that
-- fits the database you are connected to.
--
-- Before running: replace every <function-app-name> with the function app's
-- name (the azd output FUNCTION_APP_NAME); a system-assigned identity has the
-- same name as its app. Run the numbered scripts under sql/mssql first, so
-- that the tables named below exist.
--
-- Access given: read on every table (db_datareader) and write only on the
-- tables the service writes. db_datawriter would also allow writes to the
-- vendor's own tables (Customers, Users, EpicorConnection, ...); add it only
-- if your policy prefers roles to table grants:
--     ALTER ROLE db_datawriter ADD MEMBER [<function-app-name>];
-- Every statement can run again without harm.

-- ===== PORTAL: run in the License Portal database ==========================

IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'<function-app-name>')
    CREATE USER [<function-app-name>] FROM EXTERNAL PROVIDER;
GO

ALTER ROLE db_datareader ADD MEMBER [<function-app-name>];
GRANT INSERT, UPDATE ON dbo.SyncLogs TO [<function-app-name>];
GRANT INSERT, UPDATE ON dbo.ConnectionChecks TO [<function-app-name>];
GO

-- ===== CUSTOMER: run in each customer database =============================

IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'<function-app-name>')
    CREATE USER [<function-app-name>] FROM EXTERNAL PROVIDER;
GO

-- A resend writes a new MessageLogs row per attempt and raises the retry
-- counter of the row it resent.
ALTER ROLE db_datareader ADD MEMBER [<function-app-name>];
GRANT INSERT, UPDATE ON dbo.MessageLogs TO [<function-app-name>];
GRANT INSERT, UPDATE ON dbo.MessageResends TO [<function-app-name>];
GO
