// A to-do list backed by Supabase. The schema lives in ../supabase/migrations: `dotnet build` lints it, and
// (SupabaseGenerateModels) turns it into the typed records used below: TodosRow, TodosInsert, ProfilesRow, ...
using TodoApp.Supabase;

var owner = Guid.Parse("6f1f4a4e-6f0b-4e55-9d64-3b5f8f3a9c11");
var todos = new List<TodosRow>
{
    new() { Id = 1, UserId = owner, Title = "Write the migration", IsComplete = true, InsertedAt = DateTime.UtcNow },
    new() { Id = 2, UserId = owner, Title = "Build the index without blocking writes", IsComplete = false, InsertedAt = DateTime.UtcNow },
};

foreach (var todo in todos)
{
    Console.WriteLine($"[{(todo.IsComplete ? 'x' : ' ')}] {todo.Title}");
}

// What an INSERT needs: the columns without a default. Id, IsComplete and InsertedAt are optional (null: the default).
var next = new TodosInsert { UserId = owner, Title = "Ship it" };
var table = typeof(TodosInsert).GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.Schema.TableAttribute), false)
    .Cast<System.ComponentModel.DataAnnotations.Schema.TableAttribute>().Single();
Console.WriteLine($"next: insert into {table.Schema}.{table.Name} (user_id, title) values ('{next.UserId}', '{next.Title}')");
Console.WriteLine($"foreign keys: {string.Join(", ", SupabaseRelationships.All.Select(f => $"{f.Table}.{string.Join(",", f.Columns)} -> {f.ReferencedSchema}.{f.ReferencedTable}"))}");
