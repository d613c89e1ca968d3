// A to-do list backed by Supabase. The schema lives in ../supabase/migrations; `dotnet build` lints it.
var todos = new List<Todo>
{
    new(1, "Write the migration", IsComplete: true),
    new(2, "Build the index without blocking writes", IsComplete: false),
};

foreach (var todo in todos)
{
    Console.WriteLine($"[{(todo.IsComplete ? 'x' : ' ')}] {todo.Title}");
}

internal sealed record Todo(long Id, string Title, bool IsComplete);
