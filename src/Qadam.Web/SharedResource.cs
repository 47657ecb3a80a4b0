namespace Qadam.Web;

/// <summary>Marker for the UI strings in Resources/SharedResource.{en,ru,kk}.resx.</summary>
public sealed class SharedResource;
