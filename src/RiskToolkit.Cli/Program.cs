Console.WriteLine("risk");
